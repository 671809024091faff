import type { Config } from '../config.js';
import { ValidationError } from '../shared/errors.js';

/** One required production setting: any of `names` satisfies it. */
interface Requirement {
  setting: string;
  names: string[][];
  meaning: string;
  /** Only required when this holds (a setting that depends on another one being used). */
  when?: (env: Config['env']) => boolean;
}

/**
 * What a production start cannot do without: the national endpoint, the organisation's signing
 * credentials and the trust anchors. On the bare-machine demo these fall back to the in-process
 * simulator and the test PKI (and the VNConnect client to the demo secret); in production a fallback would sign with a published test key or
 * send to nowhere, so the start is refused instead.
 */
const REQUIRED: Requirement[] = [
  { setting: 'NATIONAL_URL', names: [['NATIONAL_URL']], meaning: 'địa chỉ Hệ thống thông tin báo cáo Chính phủ' },
  {
    setting: 'SIGNING_P12',
    names: [
      ['SIGNING_P12', 'SIGNING_P12_PASSWORD'],
      ['SIGNING_CERT', 'SIGNING_KEY'],
      ['SIGNING_PKCS11_MODULE', 'SIGNING_PKCS11_TOKEN', 'SIGNING_PKCS11_KEY', 'SIGNING_PKCS11_PIN'],
    ],
    meaning:
      'chứng thư số ký gói tin của cơ quan (SIGNING_PKCS11_* trên thiết bị ký số, hoặc SIGNING_P12 + SIGNING_P12_PASSWORD, hoặc SIGNING_CERT + SIGNING_KEY)',
  },
  { setting: 'TRUST_ANCHORS', names: [['TRUST_ANCHORS']], meaning: 'chứng thư gốc tin cậy (TRUST_ANCHORS)' },
  // With a real VNConnect issuer the identity module would otherwise fall back to the demo client
  // id and the published demo secret (src/identity/config.ts): the login would fail or, worse, work.
  {
    setting: 'OIDC_CLIENT_ID',
    names: [['OIDC_CLIENT_ID']],
    meaning: 'mã ứng dụng (client id) đã đăng ký với VNConnect',
    when: (env) => usesIssuer(env),
  },
  {
    setting: 'OIDC_CLIENT_SECRET',
    names: [['OIDC_CLIENT_SECRET']],
    meaning: 'khóa bí mật ứng dụng VNConnect (hoặc OIDC_CLIENT_AUTH=private_key_jwt với OIDC_CLIENT_KEY)',
    when: (env) => usesIssuer(env) && (env.OIDC_CLIENT_AUTH ?? '') !== 'private_key_jwt',
  },
  {
    setting: 'OIDC_CLIENT_KEY',
    names: [['OIDC_CLIENT_KEY']],
    meaning: 'khóa riêng ký yêu cầu token (OIDC_CLIENT_AUTH=private_key_jwt)',
    when: (env) => usesIssuer(env) && env.OIDC_CLIENT_AUTH === 'private_key_jwt',
  },
];

const present = (env: Config['env'], name: string) => (env[name] ?? '').trim() !== '';
const usesIssuer = (env: Config['env']) => present(env, 'OIDC_ISSUER') || present(env, 'VNCONNECT_ISSUER');

/** Throws CONFIG_INVALID naming the first missing setting of a production start; a no-op otherwise. */
export function assertProductionSettings(config: Config): void {
  if (!config.production) return;
  const missing = REQUIRED.filter(
    (r) => (r.when?.(config.env) ?? true) && !r.names.some((group) => group.every((n) => present(config.env, n))),
  );
  if (missing.length === 0) return;
  const names = missing.map((m) => m.setting);
  throw new ValidationError(
    'CONFIG_INVALID',
    `Thiếu cấu hình bắt buộc khi chạy thật (DATABASE_URL hoặc NODE_ENV=production): ${missing.map((m) => `${m.setting} (${m.meaning})`).join('; ')}`,
    { name: names[0], missing: names },
  );
}

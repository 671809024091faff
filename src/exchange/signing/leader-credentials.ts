import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { certificatesFromPem } from '../pki/certificates.js';
import type { SigningCredentials } from '../pki/credentials.js';
import { CscDevice } from './devices/csc-device.js';
import { Pkcs11Device } from './devices/pkcs11-device.js';
import { Pkcs12Device } from './devices/pkcs12-device.js';
import type { SignatureDevice } from './devices/port.js';

/**
 * Which personal credential signs for which leader (LEADER_CREDENTIALS, a JSON file):
 * `{"leaders": [{"user"?: principal id, "orgUnitId"?: unit, and one of
 *   "pkcs12": {"file", "passwordEnv"}, "pkcs11": {"module", "tokenLabel", "keyLabel", "issuers"?},
 *   "csc": {"url"?, "credentialID", "clientId", "clientSecretEnv"}}]}`.
 * A `user` entry wins over an `orgUnitId` entry. Secrets are named by environment variable,
 * never written in the file. A PKCS#11 PIN and a CSC PIN/OTP come from the leader at each approval.
 */
export interface LeaderEntry {
  user?: string;
  orgUnitId?: string;
  pkcs12?: { file: string; passwordEnv?: string; password?: string };
  pkcs11?: { module: string; tokenLabel: string; keyLabel: string; issuers?: string };
  csc?: { url?: string; credentialID: string; clientId: string; clientSecretEnv?: string; clientSecret?: string };
}

export interface SignerIdentity {
  /** Principal id of the approving leader. */
  signerId: string;
  orgUnitId: string;
}

type Env = Readonly<Record<string, string | undefined>>;
const abs = (base: string, p: string) => (isAbsolute(p) ? p : resolve(base, p));

export class LeaderCredentials {
  private readonly devices = new Map<LeaderEntry, SignatureDevice>();

  constructor(
    private readonly entries: LeaderEntry[],
    private readonly env: Env,
    private readonly baseDir: string,
    /** Only without LEADER_CREDENTIALS: the single LEADER_SIGNING_* credential of earlier versions. */
    private readonly fallback: SigningCredentials | undefined,
    private readonly cscDefaultUrl: () => string | undefined,
  ) {
    entries.forEach((e, i) => {
      const kinds = [e.pkcs12, e.pkcs11, e.csc].filter(Boolean).length;
      if ((!e.user && !e.orgUnitId) || kinds !== 1) {
        throw new ValidationError(
          'CONFIG_INVALID',
          `LEADER_CREDENTIALS leaders[${i}]: needs user or orgUnitId and exactly one of pkcs12, pkcs11, csc`,
          { index: i },
        );
      }
    });
  }

  static fromFile(file: string, env: Env, cscDefaultUrl: () => string | undefined): LeaderCredentials {
    let parsed: { leaders?: LeaderEntry[] };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as { leaders?: LeaderEntry[] };
    } catch (err) {
      throw new ValidationError('CONFIG_INVALID', `LEADER_CREDENTIALS ${file}: ${(err as Error).message}`, { file });
    }
    if (!Array.isArray(parsed.leaders))
      throw new ValidationError('CONFIG_INVALID', `LEADER_CREDENTIALS ${file}: "leaders" must be an array`, { file });
    return new LeaderCredentials(parsed.leaders, env, join(file, '..'), undefined, cscDefaultUrl);
  }

  /** The credential of this leader; LEADER_CREDENTIAL_MISSING (409) when none is configured. */
  deviceFor(who: SignerIdentity): SignatureDevice {
    const entry = this.entries.find((e) => e.user === who.signerId) ?? this.entries.find((e) => !e.user && e.orgUnitId === who.orgUnitId);
    if (!entry) {
      if (this.fallback) return new Pkcs12Device(this.fallback, 'LEADER_SIGNING');
      throw new ConflictError(
        'LEADER_CREDENTIAL_MISSING',
        'Lãnh đạo chưa được cấp chứng thư số cá nhân để ký báo cáo: liên hệ quản trị hệ thống',
        { signerId: who.signerId, orgUnitId: who.orgUnitId },
      );
    }
    let device = this.devices.get(entry);
    if (!device) {
      device = this.open(entry);
      this.devices.set(entry, device);
    }
    return device;
  }

  private secret(value: string | undefined, envName: string | undefined, what: string): string {
    const v = value ?? (envName ? this.env[envName] : undefined);
    if (v === undefined)
      throw new ValidationError('CONFIG_INVALID', `LEADER_CREDENTIALS: ${what} needs ${envName ?? 'a secret'} to be set`, {
        name: envName,
      });
    return v;
  }

  private open(e: LeaderEntry): SignatureDevice {
    if (e.pkcs12)
      return Pkcs12Device.open(abs(this.baseDir, e.pkcs12.file), this.secret(e.pkcs12.password, e.pkcs12.passwordEnv, e.pkcs12.file));
    if (e.pkcs11) {
      const issuers = e.pkcs11.issuers ? certificatesFromPem(readFileSync(abs(this.baseDir, e.pkcs11.issuers), 'utf8')) : [];
      return new Pkcs11Device({ module: e.pkcs11.module, tokenLabel: e.pkcs11.tokenLabel, keyLabel: e.pkcs11.keyLabel, issuers });
    }
    const c = e.csc!;
    const url = c.url ?? this.cscDefaultUrl();
    if (!url)
      throw new ValidationError('CONFIG_INVALID', `LEADER_CREDENTIALS: csc credential ${c.credentialID} has no url`, {
        credentialID: c.credentialID,
      });
    return new CscDevice({
      baseUrl: url,
      credentialID: c.credentialID,
      clientId: c.clientId,
      clientSecret: this.secret(c.clientSecret, c.clientSecretEnv, `csc ${c.credentialID}`),
    });
  }
}

/** Demo (bare machine only): the demo leaders' PKCS#12 files from the test PKI, by unit. */
export function demoLeaderEntries(pkiDir: string, password: string): LeaderEntry[] {
  const p12 = (name: string) => ({ file: join(pkiDir, 'leaders', `${name}.p12`), password });
  return [
    { orgUnitId: 'lai-chau', pkcs12: p12('lanhdao.tinh') },
    { orgUnitId: 'lc-x-tam-duong', pkcs12: p12('lanhdao.tamduong') },
    { orgUnitId: 'lc-x-binh-lu', pkcs12: p12('lanhdao.binhlu') },
  ];
}

import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../../delivery/channel.js';
import { ValidationError } from '../../shared/errors.js';
import { splitPemCertificates } from './certificate-trust.js';
import { createEdocChannel, type EdocChannelOptions } from './channel.js';
import { EDOC_DEFAULT_SECRET, EDOC_DEFAULT_SYSTEM_ID } from './vxp-auth.js';
import { createEdxmlSigner } from './xml-signature.js';
import { settingFrom } from '../../settings/read-settings.js';

const DEMO_PKI = fileURLToPath(new URL('../../../fixtures/pki/', import.meta.url));

type Env = Readonly<Record<string, string | undefined>>;

function invalid(name: string, message: string): never {
  throw new ValidationError('CONFIG_INVALID', `${name}: ${message}`, { name });
}

function readFile(name: string, file: string): string {
  if (!existsSync(file)) invalid(name, `file not found: ${file}`);
  return readFileSync(file, 'utf8');
}

/** The signing certificate chain and its key, checked to match the leaf. */
function signerFrom(env: Env) {
  const certFile = env.EDOC_SIGNING_CERT ?? env.SIGNING_CERT ?? `${DEMO_PKI}org.crt.pem`;
  const keyFile = env.EDOC_SIGNING_KEY ?? env.SIGNING_KEY ?? `${DEMO_PKI}org.key.pem`;
  // Leaf first; any issuers that follow travel in KeyInfo too so the receiver can build the chain.
  const chainPem = splitPemCertificates(readFile('EDOC_SIGNING_CERT', certFile));
  const certificatePem = chainPem[0] ?? invalid('EDOC_SIGNING_CERT', `no PEM certificate in ${certFile}`);
  const privateKeyPem = readFile('EDOC_SIGNING_KEY', keyFile);
  let matches: boolean;
  try {
    const certKey = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    matches = certKey.equals(createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' }));
  } catch (err) {
    invalid('EDOC_SIGNING_KEY', `cannot read the signing key or certificate: ${(err as Error).message}`);
  }
  if (!matches) invalid('EDOC_SIGNING_KEY', `the key in ${keyFile} does not belong to ${certFile}`);
  return createEdxmlSigner({ privateKeyPem, certificatePem: chainPem.join('\n') });
}

/**
 * Channel options from the environment (docs/edoc.md): EDOC_URL (else the in-process simulator's
 * URL), EDOC_SYSTEM_ID, EDOC_SECRET, EDOC_FROM_ORGAN, EDOC_TO_ORGAN, EDOC_SIGNING_CERT/KEY,
 * EDOC_PLACE, EDOC_NOTATION, EDOC_TIMEOUT_MS. Returns null when no URL is known (channel off).
 */
export function edocOptionsFromEnv(env: Env, simulatorUrl?: string): Omit<EdocChannelOptions, 'purpose' | 'now'> | null {
  const baseUrl = env.EDOC_URL || simulatorUrl;
  if (!baseUrl) return null;
  if (!/^https?:\/\//.test(baseUrl)) invalid('EDOC_URL', `must be an http(s) URL, got "${baseUrl}"`);
  const organ = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;
  const fromOrganId = env.EDOC_FROM_ORGAN ?? '000.00.00.H29';
  const toOrganId = env.EDOC_TO_ORGAN ?? '000.00.01.H29';
  if (!organ.test(fromOrganId) || fromOrganId.length > 35) invalid('EDOC_FROM_ORGAN', `"${fromOrganId}" is not an organisation code`);
  if (!organ.test(toOrganId) || toOrganId.length > 35) invalid('EDOC_TO_ORGAN', `"${toOrganId}" is not an organisation code`);
  const notation = env.EDOC_NOTATION ?? 'BC-LTBC';
  if (/[,\s]/.test(notation)) invalid('EDOC_NOTATION', 'must not contain commas or spaces (it is part of DocumentId)');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    systemId: env.EDOC_SYSTEM_ID ?? EDOC_DEFAULT_SYSTEM_ID,
    secret: env.EDOC_SECRET ?? EDOC_DEFAULT_SECRET,
    fromOrganId,
    ...(env.EDOC_FROM_ORGAN_NAME ? { fromOrganName: env.EDOC_FROM_ORGAN_NAME } : {}),
    toOrganId,
    ...(env.EDOC_TO_ORGAN_NAME ? { toOrganName: env.EDOC_TO_ORGAN_NAME } : {}),
    place: env.EDOC_PLACE ?? 'Lai Châu',
    notation,
    timeoutMs: settingFrom(env, 'EDOC_TIMEOUT_MS'),
    signer: signerFrom(env),
  };
}

/**
 * The two uses of the e-document system (Hải Phòng 5.6, 8.3.c): `fallback` when the national
 * system is down, `archive` for the records copy of every approved report. Same endpoint and
 * signer; only the Subject differs. Null when EDOC_URL is unset and no simulator runs.
 */
export function edocChannelsFromEnv(
  env: Env,
  options: { simulatorUrl?: string; now?: () => Date } = {},
): { fallback: Channel; archive: Channel } | null {
  const base = edocOptionsFromEnv(env, options.simulatorUrl);
  if (!base) return null;
  const now = options.now ? { now: options.now } : {};
  return {
    fallback: createEdocChannel({ ...base, ...now, purpose: 'fallback' }),
    archive: createEdocChannel({ ...base, ...now, purpose: 'archive' }),
  };
}

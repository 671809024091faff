import { isAbsolute, join, resolve } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../shared/errors.js';
import { loadP12Credentials, loadPemCredentials, type SigningCredentials } from './pki/credentials.js';
import { TrustStore } from './pki/trust.js';
import { pkcs11OrgCredentials } from './signing/org-token.js';

/** Repository root: defaults (test PKI, mappings) resolve from here, not from the working directory. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO_PKI = join(REPO_ROOT, 'fixtures', 'pki');
export const DEMO_P12_PASSWORD = 'lienthong-test';

export interface ExchangeConfig {
  /** Signs national packets (organisation certificate). */
  packetCredentials: SigningCredentials;
  /** Signs approved reports for the leader (falls back to the packet credentials when only those are set). */
  leaderCredentials: SigningCredentials;
  trust: TrustStore;
  mappingsDir: string;
  /** Settings that fell back to the test PKI (demo only): the module logs a warning for each. */
  demoDefaults: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

function path(p: string): string {
  return isAbsolute(p) ? p : resolve(p);
}

/** `<PREFIX>P12` + `<PREFIX>P12_PASSWORD`, or `<PREFIX>CERT` + `<PREFIX>KEY`; undefined when none is set. */
function credentialsFrom(env: Env, prefix: string): SigningCredentials | undefined {
  const p12 = env[`${prefix}P12`];
  const cert = env[`${prefix}CERT`];
  const key = env[`${prefix}KEY`];
  if (p12 && (cert || key)) {
    throw new ValidationError('CONFIG_INVALID', `Set either ${prefix}P12 or ${prefix}CERT + ${prefix}KEY, not both`, { prefix });
  }
  if (p12) {
    const password = env[`${prefix}P12_PASSWORD`];
    if (password === undefined)
      throw new ValidationError('CONFIG_INVALID', `${prefix}P12 needs ${prefix}P12_PASSWORD`, { name: `${prefix}P12_PASSWORD` });
    return loadP12Credentials(path(p12), password);
  }
  if (cert || key) {
    if (!cert || !key) throw new ValidationError('CONFIG_INVALID', `${prefix}CERT and ${prefix}KEY go together`, { prefix });
    return loadPemCredentials(path(cert), path(key));
  }
  return undefined;
}

/** TRUST_ANCHORS: one or more PEM files separated by commas (each may hold several certificates). */
function trustFrom(env: Env, demo: string[]): TrustStore {
  const raw = env.TRUST_ANCHORS?.trim();
  if (!raw) {
    demo.push('TRUST_ANCHORS');
    return TrustStore.fromFiles([join(DEMO_PKI, 'ca.crt.pem')]);
  }
  return TrustStore.fromFiles(
    raw
      .split(',')
      .map((f) => path(f.trim()))
      .filter(Boolean),
  );
}

/** Reads and validates the exchange settings once, at module start. */
export function readExchangeConfig(env: Env): ExchangeConfig {
  const demoDefaults: string[] = [];
  // The organisation key: on a PKCS#11 token (production) or a PKCS#12 / PEM file (demo, tests).
  const onToken = pkcs11OrgCredentials(env, path);
  if (onToken && (env.SIGNING_P12 || env.SIGNING_CERT || env.SIGNING_KEY))
    throw new ValidationError('CONFIG_INVALID', 'Set either SIGNING_PKCS11_* or SIGNING_P12 / SIGNING_CERT + SIGNING_KEY, not both');
  let packetCredentials = onToken ?? credentialsFrom(env, 'SIGNING_');
  if (!packetCredentials) {
    demoDefaults.push('SIGNING_P12');
    packetCredentials = loadP12Credentials(join(DEMO_PKI, 'org.p12'), DEMO_P12_PASSWORD);
  }
  let leaderCredentials = credentialsFrom(env, 'LEADER_SIGNING_');
  if (!leaderCredentials) {
    if (demoDefaults.includes('SIGNING_P12')) {
      demoDefaults.push('LEADER_SIGNING_P12');
      leaderCredentials = loadP12Credentials(join(DEMO_PKI, 'leader.p12'), DEMO_P12_PASSWORD);
    } else {
      leaderCredentials = packetCredentials;
    }
  }
  const trust = trustFrom(env, demoDefaults);
  const mappingsDir = env.MAPPINGS_DIR ? path(env.MAPPINGS_DIR) : join(REPO_ROOT, 'mappings');
  return { packetCredentials, leaderCredentials, trust, mappingsDir, demoDefaults };
}

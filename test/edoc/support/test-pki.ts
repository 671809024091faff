import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The edoc tests' PKI: the shared test PKI in fixtures/pki (scripts/make-test-pki.ts): a trusted
 * CA with the organisation certificate of 000.00.00.H29, an expired one, one without signing key
 * usage, and one from a CA nobody trusts.
 */
export interface TestIdentity {
  privateKeyPem: string;
  certificatePem: string;
}

export interface TestPki {
  caPem: string;
  org: TestIdentity;
  expired: TestIdentity;
  untrusted: TestIdentity;
  untrustedCaPem: string;
  /** Issued by the trusted CA but with keyUsage keyEncipherment only. */
  noSigningUsage: TestIdentity;
}

const PKI_DIR = fileURLToPath(new URL('../../../fixtures/pki/', import.meta.url));
const read = (name: string) => readFileSync(`${PKI_DIR}${name}`, 'utf8');
const identity = (name: string): TestIdentity => ({ privateKeyPem: read(`${name}.key.pem`), certificatePem: read(`${name}.crt.pem`) });

export function loadTestPki(): TestPki {
  return {
    caPem: read('ca.crt.pem'),
    org: identity('org'),
    expired: identity('expired'),
    untrusted: identity('untrusted'),
    untrustedCaPem: read('untrusted-ca.crt.pem'),
    noSigningUsage: identity('no-signing-usage'),
  };
}

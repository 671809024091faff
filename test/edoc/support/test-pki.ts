import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

/**
 * The edoc tests' PKI: the shared test PKI in fixtures/pki (a trusted CA with an organisation
 * certificate, an expired one, one without signing key usage, and one from a CA nobody trusts).
 * Should that folder be missing, an equivalent throwaway PKI is generated (keys from node:crypto:
 * forge's pure-JS RSA keygen is too slow for tests).
 */
const PKI_DIR = fileURLToPath(new URL('../../../fixtures/pki/', import.meta.url));
const FIXTURE_FILES = ['ca.crt.pem', 'org.crt.pem', 'org.key.pem', 'expired.crt.pem', 'expired.key.pem', 'untrusted.crt.pem', 'untrusted.key.pem', 'untrusted-ca.crt.pem', 'no-signing-usage.crt.pem', 'no-signing-usage.key.pem'];

const read = (name: string) => readFileSync(`${PKI_DIR}${name}`, 'utf8');
const identity = (name: string): TestIdentity => ({ privateKeyPem: read(`${name}.key.pem`), certificatePem: read(`${name}.crt.pem`) });

export function loadTestPki(): TestPki {
  if (!FIXTURE_FILES.every((f) => existsSync(`${PKI_DIR}${f}`))) return createTestPki();
  return {
    caPem: read('ca.crt.pem'),
    org: identity('org'),
    expired: identity('expired'),
    untrusted: identity('untrusted'),
    untrustedCaPem: read('untrusted-ca.crt.pem'),
    noSigningUsage: identity('no-signing-usage'),
  };
}
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

interface Issuer {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, forgePrivate: forge.pki.privateKeyFromPem(privateKeyPem), forgePublic: forge.pki.publicKeyFromPem(publicKeyPem) };
}

let serial = 1;

function certificate(commonName: string, issuer: Issuer | null, ca: boolean | 'encipher', notBefore: Date, notAfter: Date): { identity: TestIdentity; issuer: Issuer } {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = String(serial++).padStart(4, '0');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: commonName }, { name: 'countryName', value: 'VN' }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    ca === 'encipher'
      ? [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', keyEncipherment: true }]
      : ca
      ? [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]
      : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
  );
  cert.sign(issuer ? issuer.key : keys.forgePrivate, forge.md.sha256.create());
  return { identity: { privateKeyPem: keys.privateKeyPem, certificatePem: forge.pki.certificateToPem(cert) }, issuer: { cert, key: keys.forgePrivate } };
}

export function createTestPki(): TestPki {
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  const from = new Date(now - day);
  const to = new Date(now + 365 * day);
  const ca = certificate('Test CA Lien Thong', null, true, from, to);
  const untrustedCa = certificate('Untrusted CA', null, true, from, to);
  return {
    caPem: ca.identity.certificatePem,
    org: certificate('UBND Tinh Test', ca.issuer, false, from, to).identity,
    expired: certificate('UBND Tinh Het Han', ca.issuer, false, new Date(now - 30 * day), new Date(now - 2 * day)).identity,
    untrusted: certificate('UBND Gia Mao', untrustedCa.issuer, false, from, to).identity,
    untrustedCaPem: untrustedCa.identity.certificatePem,
    noSigningUsage: certificate('UBND Khong Ky', ca.issuer, 'encipher', from, to).identity,
  };
}

import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { certificatesFromPem, certificateToDerBase64, commonNameOf, subjectOf } from '../pki/certificates.js';
import type { SigningCredentials } from '../pki/credentials.js';
import { Pkcs11Device } from './devices/pkcs11-device.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The organisation's packet key on a PKCS#11 token, behind the signing port (production: the
 * Ban Cơ yếu token or an HSM; SoftHSM2 in tests): SIGNING_PKCS11_MODULE (the vendor library),
 * SIGNING_PKCS11_TOKEN (token label), SIGNING_PKCS11_KEY (label of the key and its certificate),
 * SIGNING_PKCS11_PIN (user PIN: the gateway signs unattended), SIGNING_PKCS11_ISSUERS (optional
 * PEM of the issuers the token lacks). The token must answer at start: one signature over a
 * fixed digest, checked against the token's certificate, proves the key belongs to it.
 * Returns undefined when SIGNING_PKCS11_MODULE is not set.
 */
export function pkcs11OrgCredentials(env: Env, resolvePath: (p: string) => string): SigningCredentials | undefined {
  const module = env.SIGNING_PKCS11_MODULE;
  if (!module) return undefined;
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new ValidationError('CONFIG_INVALID', `SIGNING_PKCS11_MODULE needs ${name}`, { name });
    return v;
  };
  const tokenLabel = need('SIGNING_PKCS11_TOKEN');
  const keyLabel = need('SIGNING_PKCS11_KEY');
  const pin = need('SIGNING_PKCS11_PIN');
  const issuers = env.SIGNING_PKCS11_ISSUERS
    ? certificatesFromPem(readFileSync(resolvePath(env.SIGNING_PKCS11_ISSUERS), 'utf8'), 'SIGNING_PKCS11_ISSUERS')
    : [];
  const device = new Pkcs11Device({ module: resolvePath(module), tokenLabel, keyLabel, pin, issuers });
  const chain = device.certificateChainSync();
  const certificate = chain[0]!;
  const probe = createHash('sha256').update('lienthong: organisation key probe').digest();
  const publicKey = createPublicKey(forge.pki.publicKeyToPem(certificate.publicKey));
  const signature = device.signDigestSync(probe);
  // The token signed DigestInfo(SHA-256(text)): verify('sha256', text) checks exactly that against the certificate.
  if (!verify('sha256', Buffer.from('lienthong: organisation key probe'), publicKey, signature))
    throw new ValidationError('SIGNING_KEY_MISMATCH', `${device.label}: the token's key does not belong to ${subjectOf(certificate)}`, {
      token: tokenLabel,
    });
  return {
    signDigest: (digest) => device.signDigestSync(digest),
    keySource: `pkcs11 ${device.label}`,
    certificate,
    chain,
    x5c: chain.map(certificateToDerBase64),
    subject: subjectOf(certificate),
    commonName: commonNameOf(certificate),
  };
}

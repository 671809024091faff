import { createPrivateKey, randomInt, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One remote-signing credential held by the simulated QTSP (key never leaves it). */
export interface SimCredential {
  credentialID: string;
  userID: string;
  pin: string;
  key: KeyObject;
  /** PEM chain, leaf first. */
  chainPem: string[];
  otp?: { value: string; expiresAt: number };
  /** SAD issued by credentials/authorize, bound to the hashes it authorised. */
  sad?: { value: string; hashes: string[]; expiresAt: number };
  /** OTPs sent, for the test hook that plays the signer's phone. */
  sent: number;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Credentials from a directory of `<id>.key.pem` + `<id>.crt.pem` (default: the test PKI's
 * demo leaders), with the issuing CA appended to each chain. credentialID = userID = file name.
 */
export function loadSimCredentials(dir: string, caPem: string, pin: string): Map<string, SimCredential> {
  const out = new Map<string, SimCredential>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.key.pem'))) {
    const id = f.slice(0, -'.key.pem'.length);
    const certs = readFileSync(join(dir, `${id}.crt.pem`), 'utf8').match(PEM_CERT) ?? [];
    out.set(id, {
      credentialID: id,
      userID: id,
      pin,
      key: createPrivateKey(readFileSync(join(dir, f))),
      chainPem: [...certs, ...(caPem.match(PEM_CERT) ?? [])],
      sent: 0,
    });
  }
  return out;
}

export function newOtp(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

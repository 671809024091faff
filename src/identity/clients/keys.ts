import { X509Certificate, createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { ValidationError } from '../../shared/errors.js';

export interface ClientKeyMaterial {
  /** SPKI PEM of the key that signs the client's assertions. */
  publicKeyPem: string;
  /** SHA-256 of the DER certificate (hex, lower case), for mutual TLS; null when only a key was given. */
  certSha256: string | null;
}

/** Accepts the client's X.509 certificate (preferred: it also serves mutual TLS) or a bare public key. */
export function readClientKey(pem: string): ClientKeyMaterial {
  try {
    if (pem.includes('BEGIN CERTIFICATE')) {
      const cert = new X509Certificate(pem);
      return { publicKeyPem: cert.publicKey.export({ type: 'spki', format: 'pem' }).toString(), certSha256: certificateSha256(cert.raw) };
    }
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec' && key.asymmetricKeyType !== 'ed25519') {
      throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
    }
    return { publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(), certSha256: null };
  } catch (err) {
    throw new ValidationError('CLIENT_KEY_INVALID', `Chứng thư số hoặc khóa công khai không hợp lệ: ${(err as Error).message}`);
  }
}

export function certificateSha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export function publicKeyOf(pem: string): KeyObject {
  return createPublicKey(pem);
}

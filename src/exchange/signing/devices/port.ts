import type { Certificate } from '../../pki/certificates.js';

/** What the person adds at signing time: a token PIN, a remote-signing OTP. Never stored. */
export interface SigningAuthorization {
  pin?: string;
  otp?: string;
}

/**
 * The signing port: one personal (or organisation) credential that makes RSASSA-PKCS1-v1_5
 * signatures over a SHA-256 digest, wherever its key lives. Adapters: PKCS#12 file
 * (`pkcs12-device.ts`), PKCS#11 token (`pkcs11-device.ts`, SoftHSM2 in tests, Ban Cơ yếu USB
 * tokens in production), Cloud Signature Consortium API v2 remote signing (`csc-device.ts`).
 * Conformance suite: `test/signing/signing-port.conformance.ts`, run against all three.
 */
export interface SignatureDevice {
  readonly kind: 'pkcs12' | 'pkcs11' | 'csc';
  /** A label for logs and errors (file, token label, credential id); never a secret. */
  readonly label: string;
  /** The credential's certificate chain, leaf first. */
  certificateChain(): Promise<Certificate[]>;
  /**
   * RSASSA-PKCS1-v1_5 signature over `digest` (32 bytes, SHA-256). Throws SIGNING_PIN_REQUIRED /
   * SIGNING_PIN_INVALID (token), SIGNING_CONFIRMATION_REQUIRED (remote: an OTP was sent to the
   * signer), SIGNING_CONFIRMATION_INVALID, SIGNING_DEVICE_UNAVAILABLE.
   */
  signDigest(digest: Buffer, authorization?: SigningAuthorization): Promise<Buffer>;
  close?(): Promise<void>;
}

/** DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): what a raw RSA PKCS#1 operation signs. */
export const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function assertSha256(digest: Buffer): void {
  if (digest.length !== 32) throw new TypeError('signDigest expects a 32-byte SHA-256 digest');
}

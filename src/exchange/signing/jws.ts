import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, type CompactJWSHeaderParameters } from 'jose';
import { ValidationError } from '../../shared/errors.js';
import { certificateFromDerBase64, publicKeyOf, type Certificate } from '../pki/certificates.js';
import type { SigningCredentials } from '../pki/credentials.js';

/** `typ` of our packet signatures: the canonical JSON body, signed with a detached payload. */
export const PACKET_JWS_TYPE = 'lienthong-packet+jws';

/** The encoded protected header per signer and extra header: constant, so built once. */
const encodedHeaders = new WeakMap<SigningCredentials, Map<string, string>>();

function encodedHeader(credentials: SigningCredentials, extraHeader: Record<string, string>): string {
  let perSigner = encodedHeaders.get(credentials);
  if (!perSigner) {
    perSigner = new Map();
    encodedHeaders.set(credentials, perSigner);
  }
  const key = JSON.stringify(extraHeader);
  let encoded = perSigner.get(key);
  if (!encoded) {
    const header = { ...extraHeader, alg: 'RS256', typ: PACKET_JWS_TYPE, x5c: credentials.x5c };
    encoded = Buffer.from(JSON.stringify(header)).toString('base64url');
    perSigner.set(key, encoded);
  }
  return encoded;
}

/**
 * Compact JWS (RS256, RFC 7515) over `body` with a detached payload (Appendix F):
 * "header..signature". The x5c header carries the signer's chain so a receiver can check it
 * against its own anchors. The private-key operation is one native `node:crypto` sign over
 * the JWS signing input, with the header encoded once per signer: jose's signing path (WebCrypto
 * key conversion per call) cost ~0.4 ms more per packet than the RSA operation itself
 * (bench/sign.ts). Verification reads the header with jose (`decodeProtectedHeader`) and checks
 * the RSA signature natively too (see verifyRs256).
 */
export async function signDetached(
  body: string,
  credentials: SigningCredentials,
  extraHeader: Record<string, string> = {},
): Promise<string> {
  const header = encodedHeader(credentials, extraHeader);
  const signingInput = `${header}.${Buffer.from(body, 'utf8').toString('base64url')}`;
  const input = Buffer.from(signingInput, 'ascii');
  // A file key signs natively in one call; a token key signs the SHA-256 digest behind the signing port.
  const signature = (
    credentials.privateKey
      ? sign('sha256', input, credentials.privateKey)
      : credentials.signDigest(createHash('sha256').update(input).digest())
  ).toString('base64url');
  return `${header}..${signature}`;
}

export interface DetachedHeader {
  header: CompactJWSHeaderParameters;
  /** The chain from x5c, leaf first. Not trusted by itself: check it against the trust store. */
  chain: Certificate[];
  /** The x5c entries joined: a cheap cache key for the chain check. */
  chainKey: string;
}

/** Parsed x5c chains: a receiver sees the same few signers again and again; forge's ASN.1 parse is slow. */
const parsedChains = new Map<string, Certificate[]>();

function parseChain(x5c: string[]): { chain: Certificate[]; chainKey: string } {
  const chainKey = x5c.join('.');
  let chain = parsedChains.get(chainKey);
  if (!chain) {
    chain = x5c.map(certificateFromDerBase64);
    if (parsedChains.size >= 256) parsedChains.clear();
    parsedChains.set(chainKey, chain);
  }
  return { chain, chainKey };
}

/** Reads the protected header; MALFORMED when the value is not a detached compact JWS with x5c. */
export function readDetachedHeader(jws: string): DetachedHeader {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !parts[0] || !parts[2]) {
    throw new ValidationError('SIGNATURE_MALFORMED', 'Signature must be a compact JWS with a detached payload ("header..signature")');
  }
  let header: CompactJWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jws) as CompactJWSHeaderParameters;
  } catch (err) {
    throw new ValidationError('SIGNATURE_MALFORMED', `JWS header unreadable: ${(err as Error).message}`);
  }
  if (header.alg !== 'RS256')
    throw new ValidationError('SIGNATURE_MALFORMED', `Unsupported JWS alg ${String(header.alg)}; RS256 expected`, { alg: header.alg });
  if (!Array.isArray(header.x5c) || header.x5c.length === 0)
    throw new ValidationError('SIGNATURE_MALFORMED', 'JWS header has no x5c certificate chain');
  return { header, ...parseChain(header.x5c) };
}

/**
 * RS256 (RFC 7518 3.3: RSASSA-PKCS1-v1_5 with SHA-256) over the JWS signing input, checked by
 * one native call. jose's compactVerify went through WebCrypto (a CryptoKey conversion and a
 * thread-pool job per call): about 1 ms of the gateway's CPU per receipt under the end-to-end
 * bench, against ~0.05 ms for the RSA public operation itself.
 */
export function verifyRs256(signingInput: string, signatureB64url: string, key: KeyObject): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(signatureB64url)) return false;
  try {
    return verify('sha256', Buffer.from(signingInput, 'ascii'), key, Buffer.from(signatureB64url, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * True when `jws` is a valid RS256 signature of `body` by the key of `leaf`. A header asking
 * for critical extensions or an unencoded payload (RFC 7797 `b64`) is not ours: refused, as
 * jose's compactVerify refused it.
 */
export async function verifyDetachedSignature(body: string, jws: string, leaf: Certificate): Promise<boolean> {
  const [header, , signature] = jws.split('.');
  if (!header || !signature) return false;
  let params: CompactJWSHeaderParameters;
  try {
    params = decodeProtectedHeader(jws) as CompactJWSHeaderParameters;
  } catch {
    return false;
  }
  if (params.alg !== 'RS256' || params.crit !== undefined || params.b64 !== undefined) return false;
  return verifyRs256(`${header}.${Buffer.from(body, 'utf8').toString('base64url')}`, signature, publicKeyOf(leaf));
}

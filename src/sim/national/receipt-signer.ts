import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Response } from 'express';

/** The simulated receiver's signing key: receipts and callbacks carry its detached JWS (X-Road keeps the signed response). */
export interface SimSigner {
  key: KeyObject;
  x5c: string[];
}

export function loadSimSigner(certFile: string, keyFile: string): SimSigner {
  const pems = readFileSync(certFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return { key: createPrivateKey(readFileSync(keyFile, 'utf8')), x5c: pems.map((p) => new X509Certificate(p).raw.toString('base64')) };
}

/** Encoded protected headers per signer and typ: constant, so built once. */
const headers = new WeakMap<SimSigner, Map<string, string>>();

function encodedHeader(signer: SimSigner, typ: string): string {
  let perSigner = headers.get(signer);
  if (!perSigner) {
    perSigner = new Map();
    headers.set(signer, perSigner);
  }
  let h = perSigner.get(typ);
  if (!h) {
    h = Buffer.from(JSON.stringify({ alg: 'RS256', typ, x5c: signer.x5c })).toString('base64url');
    perSigner.set(typ, h);
  }
  return h;
}

/**
 * Detached compact JWS over the exact bytes (header..signature), RS256 by one native sign:
 * jose's CompactSign went through WebCrypto (~1.8 ms per receipt on the bench machine, most of
 * the receiver's time per packet).
 */
export async function signBytes(signer: SimSigner, text: string, typ: string): Promise<string> {
  const h = encodedHeader(signer, typ);
  const input = Buffer.from(`${h}.${Buffer.from(text, 'utf8').toString('base64url')}`, 'ascii');
  return `${h}..${sign('sha256', input, signer.key).toString('base64url')}`;
}

/** Sends `value` as JSON, the bytes signed in X-Receipt-Signature when the simulator signs. */
export async function sendSigned(res: Response, status: number, value: unknown, signer: SimSigner | undefined): Promise<void> {
  const text = JSON.stringify(value);
  if (signer) res.set('x-receipt-signature', await signBytes(signer, text, 'lienthong-receipt+jws'));
  res.status(status).type('application/json; charset=utf-8').send(text);
}

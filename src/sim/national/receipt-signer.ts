import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Response } from 'express';
import { CompactSign } from 'jose';

/** The simulated receiver's signing key: receipts and callbacks carry its detached JWS (X-Road keeps the signed response). */
export interface SimSigner {
  key: KeyObject;
  x5c: string[];
}

export function loadSimSigner(certFile: string, keyFile: string): SimSigner {
  const pems = readFileSync(certFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return { key: createPrivateKey(readFileSync(keyFile, 'utf8')), x5c: pems.map((p) => new X509Certificate(p).raw.toString('base64')) };
}

/** Detached compact JWS over the exact bytes (header..signature). */
export async function signBytes(signer: SimSigner, text: string, typ: string): Promise<string> {
  const jws = await new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: 'RS256', typ, x5c: signer.x5c })
    .sign(signer.key);
  const [h, , s] = jws.split('.');
  return `${h}..${s}`;
}

/** Sends `value` as JSON, the bytes signed in X-Receipt-Signature when the simulator signs. */
export async function sendSigned(res: Response, status: number, value: unknown, signer: SimSigner | undefined): Promise<void> {
  const text = JSON.stringify(value);
  if (signer) res.set('x-receipt-signature', await signBytes(signer, text, 'lienthong-receipt+jws'));
  res.status(status).type('application/json; charset=utf-8').send(text);
}

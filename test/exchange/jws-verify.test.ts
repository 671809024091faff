import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDetached, verifyDetachedSignature } from '../../src/exchange/signing/jws.js';
import { orgCredentials, pemCredentials } from './support/reports.js';

const BODY = '{"packetId":"p-1","values":[1,2,3]}';
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** A detached JWS with any header, signed by the org's key (as a foreign signer would build it). */
function withHeader(header: Record<string, unknown>, body = BODY): string {
  const h = b64url(JSON.stringify(header));
  const sig = sign('sha256', Buffer.from(`${h}.${b64url(body)}`, 'ascii'), orgCredentials.privateKey!).toString('base64url');
  return `${h}..${sig}`;
}

describe('detached RS256 verification (native)', () => {
  it('accepts our own signature and refuses a changed body, a changed signature and another key', async () => {
    const jws = await signDetached(BODY, orgCredentials);
    const leaf = orgCredentials.certificate;
    expect(await verifyDetachedSignature(BODY, jws, leaf)).toBe(true);
    expect(await verifyDetachedSignature(BODY.replace('3', '4'), jws, leaf)).toBe(false);
    const [h, , s] = jws.split('.');
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    expect(await verifyDetachedSignature(BODY, `${h}..${flipped}`, leaf)).toBe(false);
    expect(await verifyDetachedSignature(BODY, `${h}..${s}=`, leaf)).toBe(false);
    expect(await verifyDetachedSignature(BODY, jws, pemCredentials('untrusted').certificate)).toBe(false);
  });

  it('refuses headers that are not plain RS256 (alg, crit, unencoded payload) even when the RSA signature matches', async () => {
    const leaf = orgCredentials.certificate;
    expect(await verifyDetachedSignature(BODY, withHeader({ alg: 'RS256' }), leaf)).toBe(true);
    expect(await verifyDetachedSignature(BODY, withHeader({ alg: 'RS512' }), leaf)).toBe(false);
    expect(await verifyDetachedSignature(BODY, withHeader({ alg: 'RS256', crit: ['exp'], exp: 1 }), leaf)).toBe(false);
    expect(await verifyDetachedSignature(BODY, withHeader({ alg: 'RS256', b64: false, crit: ['b64'] }), leaf)).toBe(false);
    expect(await verifyDetachedSignature(BODY, 'not-a-jws', leaf)).toBe(false);
  });
});

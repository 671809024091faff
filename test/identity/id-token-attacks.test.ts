import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { hs256WithPublicKey, idClaims, oidcLogin, signedBySim, unknownKid, unsigned } from './support/attacks.js';

/** Each forged ID token reaches the gateway through the real token endpoint of the simulator. */
describe('ID token attacks at the OIDC callback: 401 with a clear code and an audit entry', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const attacks: [string, string, (nonce: string) => Promise<string>][] = [
    ['alg none', 'TOKEN_ALG_NOT_ALLOWED', async (n) => unsigned(idClaims(h, n))],
    ['HS256 signed with the issuer public key', 'TOKEN_ALG_NOT_ALLOWED', (n) => hs256WithPublicKey(h.sim, idClaims(h, n))],
    ['expired', 'TOKEN_EXPIRED', (n) => signedBySim(h.sim, idClaims(h, n), 60, -3600)],
    ['wrong audience', 'TOKEN_AUDIENCE_INVALID', (n) => signedBySim(h.sim, { ...idClaims(h, n), aud: 'another-app' })],
    ['wrong issuer', 'TOKEN_ISSUER_INVALID', (n) => signedBySim(h.sim, { ...idClaims(h, n), iss: 'https://idp.attacker.example' })],
    ['unknown kid', 'TOKEN_KEY_UNKNOWN', (n) => unknownKid(idClaims(h, n))],
    ['nonce of another login', 'TOKEN_NONCE_INVALID', () => signedBySim(h.sim, idClaims(h, 'nonce-cua-phien-khac'))],
  ];

  it.each(attacks)('refuses %s', async (_name, code, forge) => {
    const before = (await listAudit(h.t.db, { action: 'auth.refused', limit: 1000 })).filter((e) => e.details.code === code).length;
    const { callback, client } = await oidcLogin(h, 'vnc-0001', forge);
    expect(callback.status).toBe(401);
    expect(callback.body).toMatchObject({ code });
    expect(typeof (callback.body as { message: unknown }).message).toBe('string');
    const after = (await listAudit(h.t.db, { action: 'auth.refused', limit: 1000 })).filter((e) => e.details.code === code).length;
    expect(after).toBe(before + 1);
    expect((await client.call('GET', '/api/v1/session')).status).toBe(401);
  });

  it('refuses a replayed ID token (nonce already used) with TOKEN_REPLAYED', async () => {
    let captured = '';
    const first = await oidcLogin(h, 'vnc-0001', async (n) => (captured = await signedBySim(h.sim, idClaims(h, n))));
    expect(first.callback.status).toBe(302);
    const replay = await oidcLogin(h, 'vnc-0001', async () => captured);
    expect(replay.callback.status).toBe(401);
    expect(replay.callback.body).toMatchObject({ code: 'TOKEN_REPLAYED' });
    const audited = (await listAudit(h.t.db, { action: 'auth.refused' })).filter((e) => e.details.code === 'TOKEN_REPLAYED');
    expect(audited).toHaveLength(1);
  });
});

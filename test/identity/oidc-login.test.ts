import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { bearerFor } from './support/http.js';
import { idClaims, oidcLogin, signedBySim } from './support/attacks.js';

interface SessionBody {
  principal: { kind: string; roles: string[]; orgUnitId: string; displayName: string } | null;
  user: { id: string; status: string; displayName: string };
  message?: string;
}

describe('VNConnect (OIDC) login through the simulator (PGlite)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness({ pglite: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('redirects to the issuer with state, nonce, PKCE S256, scope openid and acr_values LoA1', async () => {
    const res = await fetch(`${h.base}/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(`${h.sim.url}/oauth2/authorize`);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('lienthong');
    expect(p.get('redirect_uri')).toBe(`${h.base}/auth/oidc/callback`);
    expect(p.get('scope')).toBe('openid');
    expect(p.get('acr_values')).toBe('LoA1');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toMatch(/.{32,}/);
    expect(p.get('nonce')).toMatch(/.{32,}/);
  });

  it('maps a known official to their unit and role and lands in the console', async () => {
    const { client, callback } = await oidcLogin(h, 'vnc-0001');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/app/home');
    const s = await client.call<SessionBody>('GET', '/api/v1/session');
    expect(s.body.principal).toMatchObject({ kind: 'user', roles: ['leader'], orgUnitId: 'lai-chau', displayName: 'Nguyễn Văn An' });
    const byDomain = await oidcLogin(h, 'vnc-0002');
    const s2 = await byDomain.client.call<SessionBody>('GET', '/api/v1/session');
    expect(s2.body.principal).toMatchObject({ roles: ['data_entry'], orgUnitId: 'lc-x-tam-duong' });
  });

  it('logs the same person into the same local user on a second login', async () => {
    const a = await (await oidcLogin(h, 'vnc-0003')).client.call<SessionBody>('GET', '/api/v1/session');
    const b = await (await oidcLogin(h, 'vnc-0003')).client.call<SessionBody>('GET', '/api/v1/session');
    expect(a.body.user.id).toBe(b.body.user.id);
    expect(b.body.principal).toMatchObject({ roles: ['admin'] });
  });

  it('puts an unmapped person in pending with no rights until an administrator approves', async () => {
    const { client, callback } = await oidcLogin(h, 'vnc-0009');
    expect(callback.status).toBe(302);
    const s = await client.call<SessionBody>('GET', '/api/v1/session');
    expect(s.body.principal).toBeNull();
    expect(s.body.user.status).toBe('pending');
    expect(s.body.message).toBe('Tài khoản đang chờ phê duyệt');
    const denied = await client.call('GET', '/api/v1/submissions');
    expect(denied.status).toBe(401);
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const pending = await client.call<{ users: { id: string; displayName: string; approvalDueBy?: string }[] }>(
      'GET',
      '/api/v1/users?status=pending',
      { headers: admin },
    );
    const person = pending.body.users.find((u) => u.displayName === 'Phạm Thị Duyên')!;
    expect(person).toMatchObject({
      status: 'pending',
      orgUnitId: null,
      roles: [],
      approvalDueBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const approved = await client.call('POST', `/api/v1/users/${person.id}/approve`, {
      headers: admin,
      json: { orgUnitId: 'lc-so-y-te', roles: ['data_entry'] },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', orgUnitId: 'lc-so-y-te' });
    const again = await (await oidcLogin(h, 'vnc-0009')).client.call<SessionBody>('GET', '/api/v1/session');
    expect(again.body.principal).toMatchObject({ roles: ['data_entry'], orgUnitId: 'lc-so-y-te' });
    expect((await listAudit(h.t.db, { subject: person.id })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.created', 'user.approved']),
    );
  });

  it('keeps logging in across a key rotation, and accepts a token signed by the retired key within its grace period', async () => {
    const retiredSignedToken = async (nonce: string) => signedBySim(h.sim, idClaims(h, nonce, 'vnc-0001'));
    const before = await oidcLogin(h, 'vnc-0001');
    expect(before.callback.status).toBe(302);
    const pendingOld = await oidcLogin(h, 'vnc-0001', async (nonce) => {
      const token = await retiredSignedToken(nonce);
      const rotated = await fetch(`${h.sim.url}/_sim/rotate-keys`, { method: 'POST' });
      expect(rotated.status).toBe(200);
      return token;
    });
    expect(pendingOld.callback.status).toBe(302);
    const jwks = (await (await fetch(`${h.sim.url}/oauth2/jwks`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(2);
    const after = await oidcLogin(h, 'vnc-0001');
    expect(after.callback.status).toBe(302);
    expect((await after.client.call<SessionBody>('GET', '/api/v1/session')).body.principal).toMatchObject({ roles: ['leader'] });
  });

  it('refuses a reused state, and a callback carried to another browser (login CSRF)', async () => {
    const first = await oidcLogin(h, 'vnc-0001');
    expect(first.callback.status).toBe(302);
    const replayed = await first.client.call('GET', first.callbackUrl);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ code: 'OIDC_STATE_INVALID' });
    const elsewhere = await fetch(first.callbackUrl, { redirect: 'manual' });
    expect(elsewhere.status).toBe(401);
    expect(await elsewhere.json()).toMatchObject({ code: 'OIDC_STATE_MISMATCH' });
  });

  it('refuses a disabled person at the callback (403 ACCOUNT_DISABLED), audited', async () => {
    const { client } = await oidcLogin(h, 'vnc-0004');
    const first = await client.call<SessionBody>('GET', '/api/v1/session');
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const disabled = await client.call('POST', `/api/v1/users/${first.body.user.id}/disable`, {
      headers: admin,
      json: { reason: 'retirement' },
    });
    expect(disabled.status).toBe(200);
    // Disabling ends the session the person already had.
    expect((await client.call('GET', '/api/v1/session')).status).toBe(401);
    const again = await oidcLogin(h, 'vnc-0004');
    expect(again.callback.status).toBe(403);
    expect(again.callback.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect((await listAudit(h.t.db, { action: 'auth.refused' })).some((e) => e.details.code === 'ACCOUNT_DISABLED')).toBe(true);
  });
});

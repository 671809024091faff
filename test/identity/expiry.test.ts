import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { Client, bearerFor } from './support/http.js';

/** Time-bound rules on a controllable clock: session and token lifetimes, lockout end, purge. */
describe('expiry of sessions, tokens and lockouts', () => {
  let h: IdentityHarness;
  // A clock only the test moves: real time passing on a busy machine must not change the outcome.
  const start = Date.parse('2026-11-02T02:00:00Z');
  let offsetMs = 0;
  beforeAll(async () => {
    h = await startIdentityHarness({
      env: { SESSION_TTL: '600', BEARER_TTL: '300', LOCKOUT_THRESHOLD: '2', LOCKOUT_SECONDS: '900' },
      now: () => new Date(start + offsetMs),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ends a bearer token after BEARER_TTL and a console session after SESSION_TTL', async () => {
    const token = await bearerFor(h.base, 'vanhanh', DEMO_PASSWORD);
    const c = new Client(h.base);
    await c.call('POST', '/auth/login', { form: { username: 'vanhanh', password: DEMO_PASSWORD } });
    offsetMs += 301_000;
    expect((await c.call('GET', '/api/v1/session', { headers: { authorization: `Bearer ${token}` } })).body).toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect((await c.call('GET', '/api/v1/session')).status).toBe(200);
    offsetMs += 300_000;
    expect((await c.call('GET', '/api/v1/session')).status).toBe(401);
    const before = await h.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM auth_sessions WHERE subject_kind = 'user'");
    await h.identity.sessions.purgeExpired();
    const after = await h.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM auth_sessions WHERE subject_kind = 'user'");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n - 2);
  });

  it('lifts a lockout after LOCKOUT_SECONDS', async () => {
    const c = new Client(h.base);
    const attempt = (password: string) => c.call('POST', '/api/v1/auth/token', { json: { username: 'lanhdao.binhlu', password } });
    await attempt('sai-1');
    await attempt('sai-2');
    expect((await attempt(DEMO_PASSWORD)).body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    offsetMs += 899_000;
    expect((await attempt(DEMO_PASSWORD)).body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    offsetMs += 2_000;
    expect((await attempt(DEMO_PASSWORD)).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { authRefusals } from '../../src/identity/metrics.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { Client, bearerFor } from './support/http.js';

describe('local accounts, sessions, CSRF and user lifecycle (PostgreSQL)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness({ env: { LOCKOUT_THRESHOLD: '3', LOCKOUT_SECONDS: '900' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const refusals = async (code: string) =>
    (await listAudit(h.t.db, { action: 'auth.refused', limit: 500 })).filter((e) => e.details.code === code);

  it('serves the Vietnamese login page with the VNConnect button', async () => {
    const r = await new Client(h.base).call('GET', '/auth/login');
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('Đăng nhập bằng VNConnect');
    expect(String(r.body)).toContain('<h1>Đăng nhập</h1>');
  });

  it('logs in with the form, sets an httpOnly SameSite cookie and answers /api/v1/session', async () => {
    const c = new Client(h.base);
    const login = await c.call('POST', '/auth/login', { form: { username: 'nhaplieu.tamduong', password: DEMO_PASSWORD } });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/app/home');
    const cookie = login.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/lt_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const s = await c.call<{ principal: { roles: string[]; orgUnitId: string }; csrfToken: string }>('GET', '/api/v1/session');
    expect(s.status).toBe(200);
    expect(s.body.principal).toMatchObject({ kind: 'user', roles: ['data_entry'], orgUnitId: 'lc-x-tam-duong' });
    expect(s.body.csrfToken).toMatch(/.{20,}/);
  });

  it('refuses a login form posted from another site (login CSRF) and replaces the previous session on login', async () => {
    const c = new Client(h.base);
    const foreign = await c.call('POST', '/auth/login', {
      form: { username: 'admin', password: DEMO_PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(String(foreign.body)).toContain('ORIGIN_FORBIDDEN');
    expect(await refusals('ORIGIN_FORBIDDEN')).toHaveLength(1);
    const same = await c.call('POST', '/auth/login', {
      form: { username: 'lanhdao.tinh', password: DEMO_PASSWORD },
      headers: { origin: h.base },
    });
    expect(same.status).toBe(303);
    const firstCookie = same.headers.getSetCookie()[0]!.split(';')[0]!;
    await c.call('POST', '/auth/login', { form: { username: 'vanhanh', password: DEMO_PASSWORD } });
    const old = await new Client(h.base).call('GET', '/api/v1/session', { headers: { cookie: firstCookie } });
    expect(old.status).toBe(401);
    expect((await c.call('GET', '/api/v1/session')).body.principal).toMatchObject({ roles: ['ops'] });
  });

  it('refuses a cookie-authenticated POST without the CSRF token, accepts it with the token', async () => {
    const c = new Client(h.base);
    await c.call('POST', '/auth/login', { form: { username: 'admin', password: DEMO_PASSWORD } });
    const { body } = await c.call<{ csrfToken: string }>('GET', '/api/v1/session');
    const user = { username: 'csrf.probe', displayName: 'Thử CSRF', orgUnitId: 'lai-chau', roles: ['clerk'], password: 'mat-khau-dai-1' };
    const forged = await c.call('POST', '/api/v1/users', { json: user });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ code: 'CSRF_INVALID' });
    expect(await refusals('CSRF_INVALID')).not.toHaveLength(0);
    const wrong = await c.call('POST', '/api/v1/users', { json: user, headers: { 'x-csrf-token': `${body.csrfToken}x` } });
    expect(wrong.status).toBe(403);
    const ok = await c.call('POST', '/api/v1/users', { json: user, headers: { 'x-csrf-token': body.csrfToken } });
    expect(ok.status).toBe(201);
    const logout = await c.call('POST', '/auth/logout', { headers: { 'x-csrf-token': body.csrfToken } });
    expect(logout.status).toBe(303);
    expect((await c.call('GET', '/api/v1/session')).status).toBe(401);
  });

  it('issues bearer tokens that need no CSRF token, and refuses unknown tokens with an audit entry', async () => {
    const token = await bearerFor(h.base, 'admin', DEMO_PASSWORD);
    const c = new Client(h.base);
    const list = await c.call<{ users: { username: string }[] }>('GET', '/api/v1/users', { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username)).toContain('nhaplieu.binhlu');
    const bad = await c.call('GET', '/api/v1/users', { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await refusals('TOKEN_INVALID')).not.toHaveLength(0);
  });

  it('locks an account after repeated failures, audits it, and refuses even the right password while locked', async () => {
    const c = new Client(h.base);
    for (let i = 0; i < 3; i += 1) {
      const r = await c.call('POST', '/api/v1/auth/token', { json: { username: 'vanthu.tinh', password: 'sai-mat-khau' } });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    }
    const locked = await c.call('POST', '/api/v1/auth/token', { json: { username: 'vanthu.tinh', password: DEMO_PASSWORD } });
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await listAudit(h.t.db, { action: 'user.locked' })).length).toBe(1);
    expect(await refusals('ACCOUNT_LOCKED')).toHaveLength(1);
    const counted = (await authRefusals.get()).values.find((v) => v.labels.code === 'ACCOUNT_LOCKED');
    expect(counted?.value).toBe(1);
    const page = await c.call('POST', '/auth/login', { form: { username: 'vanthu.tinh', password: DEMO_PASSWORD } });
    expect(page.status).toBe(401);
    expect(String(page.body)).toContain('Tài khoản tạm khóa');
  });

  it('answers an unknown user and a bad body with stable codes', async () => {
    const c = new Client(h.base);
    const unknown = await c.call('POST', '/api/v1/auth/token', { json: { username: 'khong-ton-tai', password: 'x' } });
    expect(unknown.body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const bad = await c.call('POST', '/api/v1/auth/token', { json: { username: 'admin' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('runs the account lifecycle within the admin subtree: create, change, disable (transfer), all audited', async () => {
    const root = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const c = new Client(h.base);
    const created = await c.call<{ id: string; status: string }>('POST', '/api/v1/users', {
      headers: root,
      json: {
        username: 'nhaplieu2.binhlu',
        displayName: 'Cán bộ nhập liệu 2',
        orgUnitId: 'lc-x-binh-lu',
        roles: ['data_entry'],
        password: 'mat-khau-dai-2',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const dup = await c.call('POST', '/api/v1/users', {
      headers: root,
      json: { username: 'NHAPLIEU2.binhlu', displayName: 'x', orgUnitId: 'lc-x-binh-lu', roles: ['clerk'] },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'USERNAME_TAKEN' });
    const userToken = await bearerFor(h.base, 'nhaplieu2.binhlu', 'mat-khau-dai-2');
    const changed = await c.call('PATCH', `/api/v1/users/${id}`, { headers: root, json: { roles: ['data_entry', 'clerk'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['data_entry', 'clerk'] });
    // A change of rights ends the old token: rights granted before must not linger.
    expect((await c.call('GET', '/api/v1/session', { headers: { authorization: `Bearer ${userToken}` } })).status).toBe(401);
    const disabled = await c.call('POST', `/api/v1/users/${id}/disable`, { headers: root, json: { reason: 'transfer' } });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'transfer' });
    const after = await c.call('POST', '/api/v1/auth/token', { json: { username: 'nhaplieu2.binhlu', password: 'mat-khau-dai-2' } });
    expect(after.status).toBe(403);
    expect(after.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    const actions = (await listAudit(h.t.db, { subject: id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.changed', 'user.disabled']));
    const badReason = await c.call('POST', `/api/v1/users/${id}/disable`, { headers: root, json: { reason: 'fired' } });
    expect(badReason.body).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('keeps a commune leader out of other units and out of user administration', async () => {
    const c = new Client(h.base);
    const leader = { authorization: `Bearer ${await bearerFor(h.base, 'lanhdao.tamduong', DEMO_PASSWORD)}` };
    const r = await c.call('GET', '/api/v1/users', { headers: leader });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'ROLE_FORBIDDEN' });
    expect((await refusals('ROLE_FORBIDDEN')).some((e) => e.details.path === '/api/v1/users')).toBe(true);
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const created = await c.call<{ id: string }>('POST', '/api/v1/users', {
      headers: admin,
      json: {
        username: 'admin.tamduong',
        displayName: 'Quản trị xã Tam Đường',
        orgUnitId: 'lc-x-tam-duong',
        roles: ['admin'],
        password: 'mat-khau-dai-3',
      },
    });
    const communeAdmin = { authorization: `Bearer ${await bearerFor(h.base, 'admin.tamduong', 'mat-khau-dai-3')}` };
    const foreign = await c.call('POST', '/api/v1/users', {
      headers: communeAdmin,
      json: {
        username: 'lan.sang',
        displayName: 'Sang xã khác',
        orgUnitId: 'lc-x-binh-lu',
        roles: ['data_entry'],
      },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'ORG_SCOPE_FORBIDDEN' });
    const listed = await c.call<{ users: { orgUnitId: string }[] }>('GET', '/api/v1/users', { headers: communeAdmin });
    expect(new Set(listed.body.users.map((u) => u.orgUnitId))).toEqual(new Set(['lc-x-tam-duong']));
    expect(created.status).toBe(201);
  });
});

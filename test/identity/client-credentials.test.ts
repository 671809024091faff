import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_CLIENT_ID } from '../../src/identity/seed-demo.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { Client, bearerFor } from './support/http.js';
import { clientAssertion, hs256WithCertificate, tokenRequest, unsignedAssertion } from './support/assertions.js';
import { issueCertificate } from './support/pki.js';

describe('ministry clients: private_key_jwt at /api/v1/oauth/token', () => {
  let h: IdentityHarness;
  let aud: string;
  beforeAll(async () => {
    h = await startIdentityHarness();
    aud = `${h.base}/api/v1/oauth/token`;
  });
  afterAll(async () => {
    await h?.close();
  });

  const token = (form: Record<string, string>) => new Client(h.base).call('POST', '/api/v1/oauth/token', { form });
  const refusedWith = async (code: string) =>
    (await listAudit(h.t.db, { action: 'auth.refused', limit: 1000 })).filter((e) => e.details.code === code).length;

  it('issues a bearer token for a valid assertion; the principal is the scoped ministry client', async () => {
    const r = await token(tokenRequest(await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud }), DEMO_CLIENT_ID));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer' });
    const s = await new Client(h.base).call('GET', '/api/v1/session', {
      headers: { authorization: `Bearer ${String(r.body.access_token)}` },
    });
    expect(s.body.principal).toMatchObject({
      kind: 'client',
      id: DEMO_CLIENT_ID,
      roles: ['ministry_client'],
      ministryCode: 'BKHDT',
      orgUnitId: 'lai-chau',
    });
    const principal = s.body.principal as Parameters<typeof h.identity.allowsIndicator>[0];
    expect(await h.identity.allowsIndicator(principal, '0101')).toBe(true);
    expect(await h.identity.allowsIndicator(principal, '0201')).toBe(false);
    expect(await h.identity.allowsIndicator(principal, 'X0101')).toBe(false);
  });

  const attacks: [string, string, () => Promise<Record<string, string>>][] = [
    ['alg none', 'TOKEN_ALG_NOT_ALLOWED', async () => tokenRequest(unsignedAssertion(DEMO_CLIENT_ID, aud))],
    [
      'HS256 keyed with the public certificate',
      'TOKEN_ALG_NOT_ALLOWED',
      async () => tokenRequest(await hs256WithCertificate(DEMO_CLIENT_ID, aud)),
    ],
    [
      'expired',
      'TOKEN_EXPIRED',
      async () =>
        tokenRequest(await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud, iatOffsetSeconds: -600, lifetimeSeconds: 60 })),
    ],
    [
      'wrong audience',
      'TOKEN_AUDIENCE_INVALID',
      async () => tokenRequest(await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: 'https://other.example/token' })),
    ],
    [
      'iss differs from client_id',
      'TOKEN_ISSUER_INVALID',
      async () => tokenRequest(await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud }), 'bo-khac'),
    ],
    [
      'signed by another key',
      'TOKEN_SIGNATURE_INVALID',
      async () =>
        tokenRequest(
          await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud, keyPem: issueCertificate({ commonName: 'x' }).keyPem }),
        ),
    ],
    ['unknown client', 'CLIENT_UNKNOWN', async () => tokenRequest(await clientAssertion({ clientId: 'khong-ton-tai', audience: aud }))],
    [
      'long-lived assertion',
      'TOKEN_LIFETIME_TOO_LONG',
      async () => tokenRequest(await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud, lifetimeSeconds: 86400 })),
    ],
  ];

  it.each(attacks)('refuses %s with 401, its code and an audit entry', async (_name, code, build) => {
    const before = await refusedWith(code);
    const r = await token(await build());
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code });
    expect(await refusedWith(code)).toBe(before + 1);
  });

  it('refuses a replayed assertion (same jti)', async () => {
    const assertion = await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: aud });
    expect((await token(tokenRequest(assertion))).status).toBe(200);
    const replay = await token(tokenRequest(assertion));
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'TOKEN_REPLAYED' });
    expect(await refusedWith('TOKEN_REPLAYED')).toBe(1);
  });

  it('rejects a malformed token request with REQUEST_INVALID', async () => {
    const r = await token({ grant_type: 'password', username: 'a' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('registers a client through the API, and disabling it ends its tokens and refuses new assertions (audited)', async () => {
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const cert = issueCertificate({ commonName: 'he-thong-giao-duc' });
    const c = new Client(h.base);
    const reg = await c.call('POST', '/api/v1/clients', {
      headers: admin,
      json: {
        clientId: 'he-thong-giao-duc',
        name: 'Hệ thống ngành Giáo dục',
        ministryCode: 'BGDDT',
        orgUnitId: 'lc-so-gd-dt',
        indicatorCodes: ['0501'],
        certificatePem: cert.certPem,
      },
    });
    expect(reg.status).toBe(201);
    expect(reg.body).not.toHaveProperty('publicKeyPem');
    const bad = await c.call('POST', '/api/v1/clients', {
      headers: admin,
      json: {
        clientId: 'khoa-hong',
        name: 'x',
        ministryCode: 'BXX',
        orgUnitId: 'lai-chau',
        certificatePem: '-----BEGIN CERTIFICATE-----\nrac\n-----END CERTIFICATE-----',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'CLIENT_KEY_INVALID' });
    const issued = await token(tokenRequest(await clientAssertion({ clientId: 'he-thong-giao-duc', audience: aud, keyPem: cert.keyPem })));
    const bearer = { authorization: `Bearer ${String(issued.body.access_token)}` };
    expect((await c.call('GET', '/api/v1/session', { headers: bearer })).body.principal).toMatchObject({
      orgUnitId: 'lc-so-gd-dt',
      ministryCode: 'BGDDT',
    });
    const disabled = await c.call('POST', '/api/v1/clients/he-thong-giao-duc/disable', { headers: admin, json: { note: 'ngừng kết nối' } });
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect((await c.call('GET', '/api/v1/session', { headers: bearer })).status).toBe(401);
    const again = await token(tokenRequest(await clientAssertion({ clientId: 'he-thong-giao-duc', audience: aud, keyPem: cert.keyPem })));
    expect(again.body).toMatchObject({ code: 'CLIENT_DISABLED' });
    expect((await listAudit(h.t.db, { subject: 'he-thong-giao-duc' })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['client.registered', 'client.disabled']),
    );
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { simulatorNamed } from '../../src/sim/simulators.js';
import type { RunningVnconnect } from '../../src/sim/vnconnect/simulator.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('VNConnect simulator: a real OIDC provider', () => {
  let sim: RunningVnconnect;
  beforeAll(async () => {
    sim = (await simulatorNamed('vnconnect')!.start({
      port: 0,
      host: '127.0.0.1',
      env: { SIM_VNCONNECT_CLIENTS: 'app:bi-mat' },
    })) as RunningVnconnect;
  });
  afterAll(async () => {
    await sim?.close();
  });

  async function authorize(verifier: string, person = '012085000101', nonce = 'n-1'): Promise<string> {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'app',
      redirect_uri: REDIRECT,
      scope: 'openid',
      state: 's',
      nonce,
      login_hint: person,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const res = await fetch(`${sim.url}/oauth2/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s');
    return location.searchParams.get('code')!;
  }

  const token = (form: Record<string, string>, auth = basic('app', 'bi-mat')) =>
    fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('publishes discovery and issues a verifiable ID token and userinfo for a PKCE code', async () => {
    const meta = (await (await fetch(`${sim.url}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(meta.issuer).toBe(sim.url);
    const verifier = randomBytes(32).toString('base64url');
    const code = await authorize(verifier);
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id_token: string; access_token: string };
    const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(meta.jwks_uri!)), {
      issuer: sim.url,
      audience: 'app',
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({ sub: 'vnc-0001', nonce: 'n-1', acr: 'LoA1' });
    const info = await fetch(meta.userinfo_endpoint!, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: 'vnc-0001', SoDinhDanh: '012085000101', HoVaTen: 'Nguyễn Văn An', LoaiTaiKhoan: '3' });
  });

  it('refuses a wrong PKCE verifier, a reused code, a changed redirect_uri and a wrong client secret', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const wrongPkce = await token({
      grant_type: 'authorization_code',
      code: await authorize(verifier),
      redirect_uri: REDIRECT,
      code_verifier: 'x'.repeat(43),
    });
    expect(await wrongPkce.json()).toMatchObject({ error: 'invalid_grant' });
    const code = await authorize(verifier);
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier })).status).toBe(200);
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier })).status).toBe(400);
    const moved = await token({
      grant_type: 'authorization_code',
      code: await authorize(verifier),
      redirect_uri: 'http://evil.example/cb',
      code_verifier: verifier,
    });
    expect(await moved.json()).toMatchObject({ error: 'invalid_grant' });
    const badSecret = await token(
      { grant_type: 'authorization_code', code: await authorize(verifier), redirect_uri: REDIRECT, code_verifier: verifier },
      basic('app', 'sai'),
    );
    expect(badSecret.status).toBe(401);
    expect((await fetch(`${sim.url}/oauth2/userinfo`, { headers: { authorization: 'Bearer khong-co' } })).status).toBe(401);
  });

  it('shows the Vietnamese picker, requires PKCE, and rotates keys keeping the old one for the grace period', async () => {
    const page = await fetch(
      `${sim.url}/oauth2/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&code_challenge=abc&code_challenge_method=S256`,
    );
    const html = await page.text();
    expect(html).toContain('Chọn tài khoản thử nghiệm');
    expect(html).toContain('Phạm Thị Duyên');
    const noPkce = await fetch(
      `${sim.url}/oauth2/authorize?response_type=code&client_id=app&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid`,
    );
    expect(noPkce.status).toBe(400);
    const before = sim.keys.currentPrivateKey().kid;
    const rotated = (await (await fetch(`${sim.url}/_sim/rotate-keys`, { method: 'POST' })).json()) as { kid: string; retired: string[] };
    expect(rotated.retired).toContain(before);
    const jwks = (await (await fetch(`${sim.url}/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([before, rotated.kid].sort());
    const verifier = randomBytes(32).toString('base64url');
    const res = await token({
      grant_type: 'authorization_code',
      code: await authorize(verifier),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(decodeProtectedHeader(((await res.json()) as { id_token: string }).id_token).kid).toBe(rotated.kid);
  });

  it('honours the shared fault switch', async () => {
    await fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: '5xx', remaining: 1 }),
    });
    expect((await fetch(`${sim.url}/.well-known/openid-configuration`)).status).toBe(503);
    expect((await fetch(`${sim.url}/.well-known/openid-configuration`)).status).toBe(200);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { oidcLogin } from './support/attacks.js';
import { issueCertificate } from './support/pki.js';

/** The gateway authenticates at the issuer with private_key_jwt instead of a shared secret. */
describe('OIDC token endpoint authentication with private_key_jwt (OIDC_CLIENT_AUTH)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-rp-'));
    const ours = issueCertificate({ commonName: 'lienthong relying party' });
    writeFileSync(join(dir, 'rp.key'), ours.keyPem);
    writeFileSync(join(dir, 'rp.crt'), ours.certPem);
    h = await startIdentityHarness({
      env: { OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_KEY: join(dir, 'rp.key') },
      // The simulator knows our client only by its certificate: no shared secret to fall back on.
      simEnv: { SIM_VNCONNECT_CLIENTS: 'ung-dung-khac:bi-mat', SIM_VNCONNECT_CLIENT_KEYS: `lienthong:${join(dir, 'rp.crt')}` },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs in with a signed client assertion at the token endpoint', async () => {
    const { client, callback } = await oidcLogin(h, 'vnc-0003');
    expect(callback.status).toBe(302);
    expect((await client.call('GET', '/api/v1/session')).body.principal).toMatchObject({ roles: ['admin'], orgUnitId: 'lai-chau' });
  });

  it('the simulator refuses the demo secret for a key-registered client', async () => {
    const res = await fetch(`${h.sim.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('lienthong:lienthong-demo-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=authorization_code&code=x&redirect_uri=x&code_verifier=x',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });
});

import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { coreModule } from '../../src/core/module.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { createGateway } from '../../src/app/gateway.js';
import { identityModule } from '../../src/identity/module.js';
import { observabilityModule } from '../../src/observability/module.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertProductionSettings } from '../../src/app/production-settings.js';
import { isAppError } from '../../src/shared/errors.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { connectorsModule } from '../../src/app/adapters/connectors-module.js';

const pki = new URL('../../fixtures/pki/', import.meta.url).pathname;
/** The settings a production start needs; values pointing at the test PKI stand in for the province's own. */
const productionSettings = {
  NATIONAL_URL: 'https://baocao.chinhphu.vn.invalid/api',
  SIGNING_P12: `${pki}org.p12`,
  SIGNING_P12_PASSWORD: 'lienthong-test',
  TRUST_ANCHORS: `${pki}ca.crt.pem`,
};

function refusal(env: Record<string, string>): { code: string; details: unknown } {
  try {
    assertProductionSettings(loadConfig(env));
  } catch (err) {
    if (isAppError(err)) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('the settings were accepted');
}

/** `lienthong start` as an operator runs it; resolves with its exit code and what it printed. */
function startCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../bin/lienthong.js', import.meta.url)), 'start'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const t of opened) await t.dispose();
});

describe('safe defaults', () => {
  it('seeds the demo only on the bare machine, or with a real database when DEMO=true is asked for', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: TEST_DATABASE_URL })).toMatchObject({ seedDemo: false, startSimulators: false, production: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ seedDemo: false, startSimulators: false, production: true });
    expect(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DEMO: 'true' })).toMatchObject({
      seedDemo: true,
      startSimulators: true,
      production: false,
    });
    expect(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, SEED_DEMO: 'true' })).toMatchObject({ seedDemo: true, production: false });
  });

  it('refuses a production start without the national endpoint, signing credentials or trust anchors, naming each', async () => {
    expect(refusal({ DATABASE_URL: TEST_DATABASE_URL })).toMatchObject({
      code: 'CONFIG_INVALID',
      details: { name: 'NATIONAL_URL', missing: ['NATIONAL_URL', 'SIGNING_P12', 'TRUST_ANCHORS'] },
    });
    expect(refusal({ NODE_ENV: 'production', ...productionSettings, TRUST_ANCHORS: '' })).toMatchObject({
      code: 'CONFIG_INVALID',
      details: { name: 'TRUST_ANCHORS' },
    });
    const { SIGNING_P12_PASSWORD: _omitted, ...noPassword } = productionSettings;
    expect(refusal({ NODE_ENV: 'production', ...noPassword })).toMatchObject({ code: 'CONFIG_INVALID', details: { name: 'SIGNING_P12' } });
    expect(() => assertProductionSettings(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, ...productionSettings }))).not.toThrow();
    expect(() => assertProductionSettings(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DEMO: 'true' }))).not.toThrow();
    // The real command: exits non-zero before opening anything, naming the setting.
    const { code, output } = await startCli({ DATABASE_URL: TEST_DATABASE_URL, NATIONAL_URL: productionSettings.NATIONAL_URL });
    expect(code).toBe(2);
    expect(output).toContain('CONFIG_INVALID');
    expect(output).toContain('SIGNING_P12');
  }, 120_000);

  it('refuses a production start with a VNConnect issuer but no client credential of its own (never the demo secret)', async () => {
    const issuer = { OIDC_ISSUER: 'https://sso.vnconnect.gov.vn.invalid' };
    expect(
      refusal({ DATABASE_URL: TEST_DATABASE_URL, ...productionSettings, ...issuer, OIDC_CLIENT_ID: 'laichau-lienthong' }),
    ).toMatchObject({
      code: 'CONFIG_INVALID',
      details: { name: 'OIDC_CLIENT_SECRET', missing: ['OIDC_CLIENT_SECRET'] },
    });
    expect(refusal({ DATABASE_URL: TEST_DATABASE_URL, ...productionSettings, ...issuer })).toMatchObject({
      details: { name: 'OIDC_CLIENT_ID', missing: ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] },
    });
    // The older name of the issuer setting counts too.
    expect(
      refusal({ NODE_ENV: 'production', ...productionSettings, VNCONNECT_ISSUER: issuer.OIDC_ISSUER, OIDC_CLIENT_ID: 'x' }),
    ).toMatchObject({
      details: { name: 'OIDC_CLIENT_SECRET' },
    });
    // private_key_jwt needs the key instead of a secret.
    const keyAuth = { ...productionSettings, ...issuer, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_AUTH: 'private_key_jwt' };
    expect(refusal({ DATABASE_URL: TEST_DATABASE_URL, ...keyAuth })).toMatchObject({
      details: { name: 'OIDC_CLIENT_KEY', missing: ['OIDC_CLIENT_KEY'] },
    });
    const complete = [
      { ...productionSettings, ...issuer, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 's3cret-of-the-province' },
      { ...keyAuth, OIDC_CLIENT_KEY: `${pki}org.key.pem` },
      productionSettings, // no issuer: local accounts only, nothing to require
    ];
    for (const env of complete)
      expect(() => assertProductionSettings(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, ...env }))).not.toThrow();
    // The demo may use the simulator's demo client.
    expect(() => assertProductionSettings(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DEMO: 'true', ...issuer }))).not.toThrow();
    // The real command names it too, before opening anything.
    const { code, output } = await startCli({ DATABASE_URL: TEST_DATABASE_URL, ...productionSettings, ...issuer, OIDC_CLIENT_ID: 'x' });
    expect(code).toBe(2);
    expect(output).toContain('CONFIG_INVALID');
    expect(output).toContain('OIDC_CLIENT_SECRET');
  }, 120_000);

  it('creates no demo account in a production database, and the published demo password opens nothing', async () => {
    const t = await openPostgresTestDatabase();
    opened.push(t);
    const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, PORT: '0', ...productionSettings });
    const gw = await createGateway({ config, db: t.db, modules: [coreModule, identityModule] });
    try {
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(0);
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units')).rows[0]!.n).toBe(0);
      const server = await gw.listen(0, '127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'LaiChau@2026' }),
      });
      expect(res.status).toBe(401);
    } finally {
      await gw.close();
    }
  });

  it('gives the demo accounts a password made for this install, printed once, never the published one', async () => {
    const t = await openPostgresTestDatabase();
    opened.push(t);
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(String(line)));
    const config = loadConfig({ PORT: '0', START_SIMULATORS: 'false' });
    const gw = await createGateway({ config, db: t.db, modules: [coreModule, identityModule] });
    spy.mockRestore();
    try {
      const line = printed.find((l) => l.includes('mật khẩu'));
      const password = /mật khẩu: (\S+)/.exec(line ?? '')?.[1];
      expect(password).toMatch(/^LC-[A-Za-z0-9_-]{16}$/);
      const server = await gw.listen(0, '127.0.0.1');
      const login = (pw: string) =>
        fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: pw }),
        });
      expect((await login('LaiChau@2026')).status).toBe(401);
      expect((await login(password!)).status).toBe(200);
    } finally {
      await gw.close();
    }
    // A second start on the same database creates nothing and prints nothing.
    const again: string[] = [];
    const spy2 = vi.spyOn(console, 'log').mockImplementation((line: string) => void again.push(String(line)));
    const gw2 = await createGateway({ config, db: t.db, modules: [coreModule, identityModule] });
    spy2.mockRestore();
    await gw2.close();
    expect(again.filter((l) => l.includes('mật khẩu'))).toEqual([]);
  });

  it('is not ready while no national channel is configured, and not ready while draining', async () => {
    const t = await openPostgresTestDatabase();
    opened.push(t);
    const config = loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false', NODE_ENV: 'test' });
    const gw = await createGateway({
      config,
      db: t.db,
      modules: [
        coreModule,
        identityModule,
        scanningModule,
        submissionsModule,
        mappingsModule,
        connectorsModule,
        exchangeModule,
        channelsModule,
        queuesModule,
        deliveryModule,
        observabilityModule,
      ],
    });
    const server = await gw.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(body.checks.find((c) => c.name === 'channels')).toMatchObject({ ok: false, detail: expect.stringContaining('NATIONAL_URL') });
    expect(body.checks.find((c) => c.name === 'database')).toMatchObject({ ok: true });
    // While draining the listening socket is closed; the same app answers on another server.
    const closing = gw.close();
    const { createServer } = await import('node:http');
    const probe = createServer(gw.app);
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, draining: true });
    } finally {
      probe.closeAllConnections();
      await new Promise<void>((r) => probe.close(() => r()));
      await closing;
    }
  });
});

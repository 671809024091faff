import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/app/gateway.js';
import { openPgliteTestDatabase, type TestDatabase } from './support/databases.js';

describe('gateway', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    gw = await createGateway({ config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false' }), db: t.db, modules: [] });
    const server = await gw.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await gw.close();
    await t.dispose();
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: [{ name: 'database', ok: true }] });
  });

  it('answers unknown routes and malformed JSON with stable error codes', async () => {
    const nf = await fetch(`${base}/nope`);
    expect(nf.status).toBe(404);
    expect(await nf.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const bad = await fetch(`${base}/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BODY_MALFORMED' });
  });
});

describe('gateway over TLS', () => {
  // Opening PGlite is the slow part on a busy machine: a hook (hookTimeout), not the test's own budget.
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('listens with HTTPS when TLS_CERT and TLS_KEY are configured', async () => {
    const { request } = await import('node:https');
    const pki = new URL('../fixtures/pki/', import.meta.url).pathname;
    const config = loadConfig({
      PORT: '0',
      START_SIMULATORS: 'false',
      SEED_DEMO: 'false',
      TLS_CERT: `${pki}org.crt.pem`,
      TLS_KEY: `${pki}org.key.pem`,
    });
    const gw = await createGateway({ config, db: t.db, modules: [] });
    try {
      expect(config.publicUrl.startsWith('https://')).toBe(true);
      const server = await gw.listen(0);
      const port = (server.address() as AddressInfo).port;
      const status = await new Promise<number>((resolve, reject) => {
        // agent: false, so no kept-alive connection outlives the request.
        const req = request({ host: '127.0.0.1', port, path: '/health', rejectUnauthorized: false, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});

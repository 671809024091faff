import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Router } from 'express';
import winston from 'winston';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import type { GatewayModule } from '../../src/gateway/module.js';
import { observabilityModule } from '../../src/observability/module.js';
import { logger } from '../../src/shared/logger.js';
import { appendAudit, listAudit } from '../../src/store/audit-log.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { MemoryDelivery } from '../console/support/memory-delivery.js';
import { deliveryStub } from '../console/support/modules.js';
// The delivery engine's metrics register on import; the real gateway imports them with its delivery module.
import '../../src/delivery/metrics.js';

/** A route that logs and audits, standing for any API call that leads to a delivery attempt. */
function probeModule(t: () => TestDatabase): GatewayModule {
  return {
    name: 'probe',
    requires: {},
    provides: {},
    async init() {
      const r = Router();
      r.post('/probe/:id', async (req, res) => {
        logger.warn('probe reached', { probe: req.params.id });
        await appendAudit(t().db, { actor: 'tester', action: 'probe.hit', subject: String(req.params.id) });
        res.json({ ok: true });
      });
      return { routers: [{ path: '/api/v1', router: r }] };
    },
  };
}

describe('observability', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  const delivery = new MemoryDelivery();
  const lines: Record<string, unknown>[] = [];
  const capture = new winston.transports.Stream({
    stream: new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(String(chunk)));
        cb();
      },
    }),
  });

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    logger.add(capture);
    delivery.depths = { national: 3, edoc: 1 };
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false' }),
      db: t.db,
      modules: [deliveryStub(delivery), probeModule(() => t), observabilityModule],
    });
    const server = await gw.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    logger.remove(capture);
    await gw.close();
    await t.dispose();
  });

  it('exposes Prometheus metrics: process, HTTP durations by route template, queue depth per queue', async () => {
    await fetch(`${base}/api/v1/probe/abc`, { method: 'POST' });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/lienthong_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/probe\/:id",status="200"\} 1/);
    expect(text).not.toContain('route="/api/v1/probe/abc"');
    expect(text).toContain('lienthong_queue_depth{queue="national"} 3');
    expect(text).toContain('lienthong_queue_depth{queue="edoc"} 1');
    // Circuit state is the delivery engine's gauge (registered when its module is imported).
    expect(text).toContain('# TYPE lienthong_delivery_circuit_state gauge');
  });

  it('reports database, queue and channels in /ready, and turns unready when no channel can deliver', async () => {
    const ok = await fetch(`${base}/ready`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { checks: { name: string; ok: boolean; detail?: string }[] };
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'queue', 'channels']);
    expect(body.checks.find((c) => c.name === 'queue')?.detail).toBe('national=3, edoc=1');

    delivery.circuitStates = delivery.circuitStates.map((c) => ({ ...c, state: 'open' }));
    const down = await fetch(`${base}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      ok: false,
      checks: [
        { name: 'database', ok: true },
        { name: 'queue', ok: true },
        { name: 'channels', ok: false, detail: 'national=open, edoc=open' },
      ],
    });
    delivery.circuitStates = delivery.circuitStates.map((c) => ({ ...c, state: 'closed' }));
  });

  it('carries the caller correlation id into the response, the JSON logs and the audit log', async () => {
    const res = await fetch(`${base}/api/v1/probe/p42`, { method: 'POST', headers: { 'x-correlation-id': 'req-7f3a' } });
    expect(res.headers.get('x-correlation-id')).toBe('req-7f3a');
    const line = lines.find((l) => l.probe === 'p42');
    expect(line).toMatchObject({ message: 'probe reached', correlationId: 'req-7f3a', service: 'lienthong' });
    const [audit] = await listAudit(t.db, { subject: 'p42' });
    expect(audit?.correlationId).toBe('req-7f3a');
  });

  // /health is answered before express (a bare liveness answer), so the correlation id is shown on /ready.
  it('generates a correlation id when the caller sends none or an unsafe one', async () => {
    const none = await fetch(`${base}/ready`);
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${base}/ready`, { headers: { 'x-correlation-id': 'a b<script>' } });
    expect(unsafe.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { createOutboundServices } from '../../src/delivery/outbound.js';
import { writeOutbox } from '../../src/delivery/outbox.js';
import type { OutcomeRecorder } from '../../src/delivery/national-answers.js';
import { nationalCallbackRouter } from '../../src/exchange/inbound/callback-routes.js';
import { errorHandler } from '../../src/http/errors.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { eventually } from '../delivery/support/packets.js';
import { testEngine } from '../delivery/support/engine.js';
import { builderFor, monthlyReport, nationalMappings, trust } from './support/reports.js';

describe('the other direction: national answers and catalog updates by signed callback', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let engine: DeliveryEngine;
  let server: Server;
  let base: string;
  const outcomes: Parameters<OutcomeRecorder>[] = [];
  const acknowledged: string[] = [];

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    const now = () => new Date();
    const onAcknowledged = async (p: { packetId: string }) => void acknowledged.push(p.packetId);
    engine = testEngine(t.db, { national: createNationalChannel({ baseUrl: sim.url }) }, { onAcknowledged });
    await engine.start();
    const ctx = {
      db: t.db,
      now,
      // No report-status packet is asked for here: only answers are applied.
      outbound: createOutboundServices(() => Promise.reject(new Error('no exchange in this test')), now, {
        db: t.db,
        now,
        onAcknowledged,
        recordOutcome: async (...args) => void outcomes.push(args),
      }),
    };
    const app = express();
    app.use(express.json());
    app.use('/api/v1', nationalCallbackRouter(ctx, trust, nationalMappings));
    app.use(errorHandler);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${sim.url}/_sim/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${base}/api/v1/exchange/national/callback` }),
    });
  });
  afterAll(async () => {
    await engine.stop();
    server.closeAllConnections();
    server.close();
    await sim.close();
    await t.dispose();
  });

  it('a national refusal with its reason reaches the submission and stops the packet; the signed answer is logged', async () => {
    const report = monthlyReport({ submissionId: 'sub-refused' });
    const [packet] = await builderFor().build(report);
    await t.db.transaction((tx) => writeOutbox(tx, report, [packet!], false, new Date()));
    await eventually(async () => acknowledged.includes(packet!.packetId), 'delivered');
    const receiptId = (
      await t.db.query<{ remote_id: string }>('SELECT remote_id FROM delivery_packets WHERE packet_id = $1', [packet!.packetId])
    ).rows[0]!.remote_id;

    const put = await fetch(`${sim.url}/_sim/received/${receiptId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'rejected', reason: 'Số liệu GRDP không khớp với Cục Thống kê' }),
    });
    expect(put.status).toBe(200);
    const sent = (await (await fetch(`${sim.url}/_sim/callback`)).json()) as { sent: { event: string; status: number }[] };
    expect(sent.sent).toContainEqual({ event: 'packet-status', status: 200 });
    expect(outcomes).toEqual([
      [
        'sub-refused',
        expect.objectContaining({
          outcome: 'refused',
          version: 1,
          code: 'NATIONAL_REJECTED',
          receiptId,
          reason: expect.stringContaining('Số liệu GRDP không khớp'),
        }),
      ],
    ]);
    const row = (
      await t.db.query<{ state: string; last_error_code: string }>(
        'SELECT state, last_error_code FROM delivery_packets WHERE packet_id = $1',
        [packet!.packetId],
      )
    ).rows[0];
    expect(row).toEqual({ state: 'rejected', last_error_code: 'NATIONAL_REJECTED' });
    const logged = () =>
      t.db.query<{ payload: string }>(
        `SELECT payload FROM delivery_message_log WHERE packet_id = $1 AND payload LIKE '%packet-status%'
      UNION ALL SELECT payload FROM delivery_message_inbox WHERE packet_id = $1 AND payload LIKE '%packet-status%'`,
        [packet!.packetId],
      );
    expect((await logged()).rowCount).toBe(1);
    expect(JSON.parse((await logged()).rows[0]!.payload)).toMatchObject({
      signature: expect.any(String),
      signer: expect.stringContaining('000.00.00.G22'),
    });

    // The same answer again (callback retried, or a poll): nothing changes twice.
    await fetch(`${sim.url}/_sim/received/${receiptId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'rejected', reason: 'Số liệu GRDP không khớp với Cục Thống kê' }),
    });
    expect(outcomes).toHaveLength(1);
  });

  it('refuses an unsigned or forged callback', async () => {
    const body = JSON.stringify({
      event: 'packet-status',
      receipt: { receiptId: 'RCPT-forged1', packetId: 'P', idempotencyKey: 'k', status: 'rejected', receivedAt: '2027-01-16T04:00:00Z' },
    });
    const unsigned = await fetch(`${base}/api/v1/exchange/national/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'CALLBACK_SIGNATURE_MISSING' });
    const forged = await fetch(`${base}/api/v1/exchange/national/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-callback-signature': 'eyJhbGciOiJSUzI1NiJ9..AAAA' },
      body,
    });
    expect(forged.status).toBe(401);
    expect(outcomes).toHaveLength(1);
  });

  it('a national catalog update that withdraws an indicator tells ops which provincial indicator became unmapped', async () => {
    const res = await fetch(`${sim.url}/_sim/catalog-updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ catalogType: 'indicator-catalog', removedCodes: ['293.02.07'] }),
    });
    expect(res.status).toBe(201);
    const audit = await listAudit(t.db, { action: 'exchange.national_catalog_update' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ unmapped: [expect.objectContaining({ provincial: '0207', external: '293.02.07' })] });
  });

  it('the catalog feed (poll) reports the same update once, across polls', async () => {
    const { pollCatalogFeed } = await import('../../src/exchange/inbound/catalog-feed.js');
    const ctx = { db: t.db, now: () => new Date() };
    expect(await pollCatalogFeed(ctx, sim.url, nationalMappings)).toBe(1);
    expect(await pollCatalogFeed(ctx, sim.url, nationalMappings)).toBe(0);
    const audit = await listAudit(t.db, { action: 'exchange.national_catalog_update' });
    expect(audit.map((a) => (a.details as { via: string }).via).sort()).toEqual(['callback', 'poll']);
  });
});

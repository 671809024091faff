import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import type { OutcomeRecorder } from '../../src/delivery/national-answers.js';
import { createOutboundServices } from '../../src/delivery/outbound.js';
import { writeOutbox } from '../../src/delivery/outbox.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { eventually } from '../delivery/support/packets.js';
import { testEngine } from '../delivery/support/engine.js';
import { builderFor, monthlyReport } from './support/reports.js';

/**
 * No callback registered: the national answers are only seen by polling the status endpoint, and
 * they take the callback's path (applyNationalAnswer): the packet stops, the submission records
 * the outcome with the reason and the receipt id, the answer goes to the message log.
 */
describe('national answers seen by polling take the callback path', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let engine: DeliveryEngine;
  const outcomes: Parameters<OutcomeRecorder>[] = [];
  const acknowledged: string[] = [];

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    // deferred: a valid packet is "received" first, "accepted" at the next status query.
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_NATIONAL_ACCEPT: 'deferred' } });
    const now = () => new Date();
    const onAcknowledged = async (p: { packetId: string }) => void acknowledged.push(p.packetId);
    // No report-status packet is asked for here: only answers are applied.
    const outbound = createOutboundServices(() => Promise.reject(new Error('no exchange in this test')), now, {
      db: t.db,
      now,
      onAcknowledged,
      recordOutcome: async (...args) => void outcomes.push(args),
    });
    // Only the explicit pollStatus() calls below poll.
    engine = testEngine(
      t.db,
      { national: createNationalChannel({ baseUrl: sim.url }) },
      { onAcknowledged, reconcileIntervalMs: 600_000, onAnswer: (a) => outbound.applyAnswer(a) },
    );
    await engine.start();
  }, 120_000);
  afterAll(async () => {
    await engine.stop();
    await sim.close();
    await t.dispose();
  });

  const send = async (submissionId: string) => {
    const report = monthlyReport({ submissionId });
    const [packet] = await builderFor().build(report);
    await t.db.transaction((tx) => writeOutbox(tx, report, [packet!], false, new Date()));
    const row = async () =>
      (
        await t.db.query<{ state: string; remote_id: string | null; last_error_code: string | null }>(
          'SELECT state, remote_id, last_error_code FROM delivery_packets WHERE packet_id = $1',
          [packet!.packetId],
        )
      ).rows[0]!;
    await eventually(async () => (await row()).state === 'delivered', `${submissionId} delivered`);
    return { packetId: packet!.packetId, receiptId: (await row()).remote_id!, row };
  };
  const inbox = (packetId: string) =>
    t.db.query<{ payload: string }>(
      `SELECT payload FROM delivery_message_log WHERE packet_id = $1 AND payload LIKE '%status-poll%'
       UNION ALL SELECT payload FROM delivery_message_inbox WHERE packet_id = $1 AND payload LIKE '%status-poll%'`,
      [packetId],
    );

  it('a return seen by polling reaches the submission (returned, reason, receipt) and stops the packet', async () => {
    const { packetId, receiptId, row } = await send('sub-poll-returned');
    const put = await fetch(`${sim.url}/_sim/received/${receiptId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'returned', reason: 'Thiếu số liệu thu nội địa' }),
    });
    expect(put.status).toBe(200);
    expect(outcomes).toEqual([]);

    expect(await engine.reconciler.pollStatus()).toBe(0);
    expect(outcomes).toEqual([
      [
        'sub-poll-returned',
        expect.objectContaining({
          outcome: 'returned',
          version: 1,
          code: 'NATIONAL_RETURNED',
          receiptId,
          packetId,
          system: 'national',
          reason: expect.stringContaining('Thiếu số liệu thu nội địa'),
        }),
      ],
    ]);
    expect(await row()).toMatchObject({ state: 'rejected', last_error_code: 'NATIONAL_RETURNED' });
    const logged = await inbox(packetId);
    expect(logged.rowCount).toBe(1);
    expect(JSON.parse(logged.rows[0]!.payload)).toMatchObject({ via: 'status-poll', body: expect.stringContaining('"returned"') });

    // A second poll finds nothing to ask about: the outcome is recorded once.
    await engine.reconciler.pollStatus();
    expect(outcomes).toHaveLength(1);
  });

  it('a refusal seen by polling is recorded as refused', async () => {
    const { receiptId, row } = await send('sub-poll-refused');
    await fetch(`${sim.url}/_sim/received/${receiptId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'rejected', reason: 'Sai mã chỉ tiêu' }),
    });
    await engine.reconciler.pollStatus();
    expect(outcomes.at(-1)).toEqual([
      'sub-poll-refused',
      expect.objectContaining({
        outcome: 'refused',
        code: 'NATIONAL_REJECTED',
        receiptId,
        reason: expect.stringContaining('Sai mã chỉ tiêu'),
      }),
    ]);
    expect(await row()).toMatchObject({ state: 'rejected', last_error_code: 'NATIONAL_REJECTED' });
  });

  it('an acceptance seen by polling acknowledges the packet once and keeps the signed receipt', async () => {
    const { packetId, row } = await send('sub-poll-accepted');
    expect(await engine.reconciler.pollStatus()).toBe(1);
    expect(await row()).toMatchObject({ state: 'acknowledged' });
    expect(acknowledged).toEqual([packetId]);
    const logged = JSON.parse((await inbox(packetId)).rows[0]!.payload) as { body: string; signature?: string };
    expect(JSON.parse(logged.body)).toMatchObject({ packetId, status: 'accepted' });
    expect(logged.signature).toEqual(expect.any(String));
    expect(await engine.reconciler.pollStatus()).toBe(0);
    expect(acknowledged).toHaveLength(1);
  });
});

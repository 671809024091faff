import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { DEFAULT_RETRY_POLICY } from '../../src/delivery/retry-policy.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { CountingChannel } from './support/channels.js';
import { testEngine } from './support/engine.js';
import { dispatchReports, eventually, fakeBuildPackets, fakeReport, statesOf } from './support/packets.js';
import { writeOutbox } from '../../src/delivery/outbox.js';

describe('fallback to the e-document channel and reconciliation (fake clock)', () => {
  let t: TestDatabase;
  let national: CountingChannel;
  let edoc: CountingChannel;
  let archive: CountingChannel;
  let engine: DeliveryEngine;
  // Monday 2027-03-08 09:00 in Hà Nội.
  let clock: Date;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query(
      'TRUNCATE delivery_packets, delivery_outbox, delivery_attempts, delivery_message_inbox, delivery_channel_health CASCADE',
    );
    clock = new Date('2027-03-08T02:00:00Z');
    national = new CountingChannel('national');
    edoc = new CountingChannel('edoc');
    archive = new CountingChannel('edoc');
    engine = testEngine(
      t.db,
      { national, edoc, archive },
      {
        now: () => clock,
        // Attempts never run out here: the outage threshold decides.
        retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 100_000, jitter: 0, circuitOpenDelayMs: 20 },
      },
    );
  });
  afterEach(async () => {
    await engine.stop();
  });

  it('keeps retrying the national channel for 3 working hours, then sends via e-document, then reconciles each report once', async () => {
    national.mode = 'down';
    const ids = await dispatchReports(t.db, 3, 'F', clock, false, '2027-12-31');
    const later = fakeReport('L', '2027-12-31');
    await engine.start();
    await eventually(async () => national.calls.length >= 6 && true, 'national attempts');
    expect(edoc.calls).toHaveLength(0);
    expect((await statesOf(t.db)).sent_via_fallback).toBeUndefined();
    expect(engine.services.circuits().find((c) => c.channel === 'national')?.failingSince).toBe('2027-03-08T02:00:00.000Z');

    clock = new Date('2027-03-08T06:45:00Z'); // 13:45: 3 h 15' of office time
    await eventually(async () => (await statesOf(t.db)).sent_via_fallback === 3, 'sent via fallback');
    expect([...edoc.accepted.keys()].sort()).toEqual(ids.map((id) => id.replace('PKT-', 'IK-')).sort());
    expect(await engine.services.packet(ids[0]!)).toMatchObject({
      state: 'sent_via_fallback',
      channel: 'edoc',
      remoteId: expect.stringMatching(/^edoc-/),
    });

    national.mode = 'ok';
    const callsBefore = national.calls.length;
    await eventually(async () => (await statesOf(t.db)).reconciled === 3, 'reconciled');
    const reconcileCalls = national.calls.slice(callsBefore);
    expect(reconcileCalls.map((p) => p.idempotencyKey).sort()).toEqual([...edoc.accepted.keys()].sort());
    expect(national.accepted.size).toBe(3);

    // Nothing is sent twice, whatever reruns.
    await engine.reconciler.runOnce();
    await engine.queue.add(ids.map((packetId) => ({ packetId })));
    await queueIdle(engine);
    expect(national.calls.length).toBe(callsBefore + 3);
    expect(edoc.calls).toHaveLength(3);
    const history = (await engine.services.packet(ids[0]!))!.history;
    // ... national retries, edoc ok, (probes that failed while national was still down), national ok.
    const viaEdoc = history.findIndex((h) => h.channel === 'edoc');
    expect(history[viaEdoc]).toMatchObject({ outcome: 'ok' });
    expect(history.slice(viaEdoc + 1).map((h) => h.channel)).toEqual(Array(history.length - viaEdoc - 1).fill('national'));
    expect(history.at(-1)).toMatchObject({ channel: 'national', outcome: 'ok' });
    expect(history.filter((h) => h.outcome === 'ok')).toHaveLength(2);
    await t.db.transaction((tx) => fakeBuildPackets(later).then((p) => writeOutbox(tx, later, p, false, clock)));
    await eventually(async () => (await statesOf(t.db)).acknowledged === 1, 'a new report goes straight to national');
  });

  it('sends a report whose deadline is within the margin via e-document at the first national failure', async () => {
    national.mode = 'down';
    const report = fakeReport('URG', '2027-03-08');
    await t.db.transaction(async (tx) => writeOutbox(tx, report, await fakeBuildPackets(report), false, clock));
    await engine.start();
    await eventually(async () => (await statesOf(t.db)).sent_via_fallback === 1, 'fallback');
    const view = await engine.services.packet('PKT-URG-v1');
    const history = view!.history.map((h) => [h.channel, h.outcome]);
    // One national failure, then e-document at once; later entries can only be the reconciler's
    // national probes (national is still down), never a second e-document send.
    expect(history.slice(0, 2)).toEqual([
      ['national', 'retry'],
      ['edoc', 'ok'],
    ]);
    expect(history.slice(2).every(([channel, outcome]) => channel === 'national' && outcome === 'retry')).toBe(true);
    expect(edoc.calls).toHaveLength(1);
  });

  it('sends an archive copy of every approved report to the e-document system when enabled (Hải Phòng 8.3.c)', async () => {
    await dispatchReports(t.db, 2, 'A', clock, true, '2027-12-31');
    await engine.start();
    await eventually(async () => (await statesOf(t.db)).acknowledged === 4, 'both copies');
    expect(national.accepted.size).toBe(2);
    expect([...archive.accepted.keys()].sort()).toEqual(['IK-A0-v1.archive', 'IK-A1-v1.archive']);
    expect(await engine.services.packet('PKT-A0-v1.archive')).toMatchObject({ channel: 'edoc', state: 'acknowledged' });
    expect((await engine.services.summary()).reports).toHaveLength(2);
  });

  it('polls archive copies and national packets after delivery: acknowledged, or rejected when refused', async () => {
    await engine.stop();
    const slowArchive = new CountingChannel('edoc');
    slowArchive.mode = 'pending';
    national.mode = 'pending';
    // Only the explicit pollStatus() below polls.
    engine = testEngine(t.db, { national, edoc, archive: slowArchive }, { now: () => clock, reconcileIntervalMs: 600_000 });
    await dispatchReports(t.db, 1, 'Q', clock, true, '2027-12-31');
    await engine.start();
    await eventually(async () => (await statesOf(t.db)).delivered === 2, 'both delivered, not acknowledged');
    national.mode = 'reject';
    slowArchive.mode = 'ok';
    expect(await engine.reconciler.pollStatus()).toBe(1);
    expect(await engine.services.packet('PKT-Q0-v1.archive')).toMatchObject({ state: 'acknowledged', channel: 'edoc' });
    expect(await engine.services.packet('PKT-Q0-v1')).toMatchObject({ state: 'rejected', lastErrorCode: 'TEST_REJECTED' });
  });
});

async function queueIdle(engine: DeliveryEngine): Promise<void> {
  await eventually(async () => {
    const c = await engine.queue.counts();
    return c.active + c.waiting + c.delayed === 0;
  }, 'queue idle');
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../src/delivery/queue/memory-queue.js';
import type { DeliveryJob, DeliveryQueue } from '../../src/delivery/queue/queue.js';
import { OutboxRelay } from '../../src/delivery/relay.js';
import { metricsRegistry } from '../../src/observability/registry.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { CountingChannel } from './support/channels.js';
import { testEngine } from './support/engine.js';
import { dispatchReports, eventually, statesOf } from './support/packets.js';

/** Records what the relay enqueued, without running anything. */
class RecordingQueue extends MemoryQueue implements DeliveryQueue {
  readonly added: string[] = [];
  override async add(jobs: DeliveryJob[]): Promise<void> {
    this.added.push(...jobs.map((j) => j.packetId));
  }
}

describe('relay sharing and graceful shutdown (Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE delivery_packets, delivery_outbox, delivery_attempts, delivery_message_inbox CASCADE');
  });

  it('two relays on one database claim disjoint batches (FOR UPDATE SKIP LOCKED) and move every row once', async () => {
    const ids = await dispatchReports(t.db, 300, 'M');
    const qa = new RecordingQueue();
    const qb = new RecordingQueue();
    const options = { batchSize: 20, pollMs: 10, claimMs: 30_000 };
    const [a, b] = [new OutboxRelay(t.db, qa, () => new Date(), options), new OutboxRelay(t.db, qb, () => new Date(), options)];
    await Promise.all([a.drain(), b.drain()]);
    expect([...qa.added, ...qb.added].sort()).toEqual([...ids].sort());
    expect(qa.added.filter((id) => qb.added.includes(id))).toEqual([]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]).toEqual({ n: 0 });
  });

  it('a relay that crashed after claiming leaves its rows to another once the claim expires', async () => {
    const [id] = await dispatchReports(t.db, 1, 'C');
    await t.db.query("UPDATE delivery_outbox SET claimed_until = now() + interval '1 hour'");
    const q = new RecordingQueue();
    expect(await new OutboxRelay(t.db, q, () => new Date()).relayOnce()).toBe(0);
    expect(await new OutboxRelay(t.db, q, () => new Date(Date.now() + 2 * 3_600_000)).relayOnce()).toBe(1);
    expect(q.added).toEqual([id]);
  });

  it('enqueues each claimed batch in outbox order (the claim statement returns rows in no order)', async () => {
    // One dispatch transaction per report, in sequence: outbox ids follow dispatch order.
    const ids = await dispatchReports(t.db, 45, 'O');
    const q = new RecordingQueue();
    const relay = new OutboxRelay(t.db, q, () => new Date(), { batchSize: 20, pollMs: 10, claimMs: 30_000 });
    expect(await relay.drain()).toBe(45);
    expect(q.added).toEqual(ids);
  });

  it('a relay that died between enqueueing and deleting (or whose enqueue failed) leaves the rows; they are relayed again later', async () => {
    const ids = await dispatchReports(t.db, 5, 'X');
    const lost: string[] = [];
    class DyingQueue extends RecordingQueue {
      override async add(jobs: DeliveryJob[]): Promise<void> {
        lost.push(...jobs.map((j) => j.packetId));
        throw new Error('process gone before the delete');
      }
    }
    const start = Date.now();
    const options = { batchSize: 500, pollMs: 10, claimMs: 30_000 };
    await expect(new OutboxRelay(t.db, new DyingQueue(), () => new Date(start), options).relayOnce()).rejects.toThrow(/process gone/);
    expect(lost.sort()).toEqual([...ids].sort());
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]).toEqual({ n: 5 });
    // Still claimed: another relay leaves them alone until the claim runs out, then moves them once.
    const q = new RecordingQueue();
    expect(await new OutboxRelay(t.db, q, () => new Date(start + 1_000), options).relayOnce()).toBe(0);
    expect(await new OutboxRelay(t.db, q, () => new Date(start + 31_000), options).drain()).toBe(5);
    expect(q.added).toEqual(ids);
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]).toEqual({ n: 0 });
  });

  it('stop() lets the delivery in flight finish and records it; metrics count it', async () => {
    const national = new CountingChannel('national');
    let release!: () => void;
    national.gate = new Promise<void>((r) => (release = r));
    const engine = testEngine(t.db, { national });
    const [id] = await dispatchReports(t.db, 1, 'G');
    await engine.start();
    await eventually(async () => national.calls.length === 1, 'in flight');
    expect((await statesOf(t.db)).sending).toBe(1);
    const stopping = engine.stop();
    setTimeout(release, 30);
    await stopping;
    expect(await engine.services.packet(id!)).toMatchObject({ state: 'acknowledged', attempts: 1 });
    const metrics = await metricsRegistry.getMetricsAsJSON();
    const attempts = metrics.find((m) => m.name === 'lienthong_delivery_attempts_total');
    expect(attempts?.values.some((v) => v.labels.channel === 'national' && v.labels.outcome === 'ok' && v.value >= 1)).toBe(true);
  });

  it('after a crash of the embedded queue, a new engine re-sends what was in flight; the stale worker cannot overwrite the outcome', async () => {
    const stuck = new CountingChannel('national');
    let release!: () => void;
    stuck.gate = new Promise<void>((r) => (release = r));
    const crashed = testEngine(t.db, { national: stuck });
    const ids = await dispatchReports(t.db, 3, 'Z');
    await crashed.start();
    await eventually(async () => stuck.calls.length === 3, 'three in flight');
    expect((await statesOf(t.db)).sending).toBe(3);

    // A new process: fresh in-process queue, same database; its start-up sweep finds the packets.
    const national = new CountingChannel('national');
    const next = testEngine(t.db, { national });
    await next.start();
    await eventually(async () => (await statesOf(t.db)).acknowledged === 3, 'acknowledged by the new engine');
    expect([...national.accepted.keys()].sort()).toEqual(ids.map((id) => id.replace('PKT-', 'IK-')).sort());

    release();
    await crashed.stop();
    await next.stop();
    expect(await statesOf(t.db)).toEqual({ acknowledged: 3 });
    // The stale call did happen (same key, so the receiver held the packet once): it is recorded
    // as an attempt, but its outcome no longer moves the packet.
    expect(await attemptOutcomes(t, ids[0]!)).toEqual(['ok', 'ok']);
    expect(stuck.calls).toHaveLength(3);
    expect(await next.services.packet(ids[0]!)).toMatchObject({ state: 'acknowledged', attempts: 1 });
  });
});

async function attemptOutcomes(t: TestDatabase, packetId: string): Promise<string[]> {
  const r = await t.db.query<{ outcome: string }>('SELECT outcome FROM delivery_attempts WHERE packet_id = $1 ORDER BY id', [packetId]);
  return r.rows.map((x) => x.outcome);
}

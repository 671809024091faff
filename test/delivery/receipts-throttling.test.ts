import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { writeOutbox } from '../../src/delivery/outbox.js';
import { DEFAULT_RETRY_POLICY } from '../../src/delivery/retry-policy.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { verifySignature } from '../../src/exchange/signing/verify.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { builderFor, monthlyReport } from '../exchange/support/reports.js';
import { CountingChannel } from './support/channels.js';
import { testEngine } from './support/engine.js';
import { eventually, statesOf } from './support/packets.js';

const trust = TrustStore.fromFiles(['fixtures/pki/ca.crt.pem']);

describe('receipts and throttling against the national simulator (real HTTP)', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let engine: DeliveryEngine | undefined;
  let edoc: CountingChannel;
  // Monday 2027-03-08 09:00 in Hà Nội; only the engine reads this clock.
  let clock: Date;
  const held = async () => (await (await fetch(`${sim.url}/_sim/received`)).json()) as { idempotencyKey: string; attempts: number }[];

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  });
  afterAll(async () => {
    await sim.close();
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query(
      'TRUNCATE delivery_packets, delivery_outbox, delivery_attempts, delivery_message_inbox, delivery_message_log, delivery_channel_health CASCADE',
    );
    await t.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
    await fetch(`${sim.url}/_sim/received`, { method: 'DELETE' });
    clock = new Date('2027-03-08T02:00:00Z');
    edoc = new CountingChannel('edoc');
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    sim.faults.set({ mode: 'none', remaining: 0 });
    await fetch(`${sim.url}/_sim/receipt-extras`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  const start = (retry = {}) => {
    const national = createNationalChannel({ baseUrl: sim.url, timeoutMs: 10_000, receipts: { trust, requireSignature: true } });
    engine = testEngine(
      t.db,
      { national, edoc },
      {
        now: () => clock,
        retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, jitter: 0, circuitOpenDelayMs: 20, ...retry },
      },
    );
    return engine.start();
  };
  const dispatch = async (id: string) => {
    const report = monthlyReport({ submissionId: id, deadline: '2027-12-31' });
    const [packet] = await builderFor().build(report);
    await t.db.transaction((tx) => writeOutbox(tx, report, [packet!], false, clock));
    return packet!;
  };

  it('a receipt with an extra field (trackingUrl) is kept whole and signed; the packet is sent once', async () => {
    await fetch(`${sim.url}/_sim/receipt-extras`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trackingUrl: 'https://httt.example/theo-doi/1' }),
    });
    const packet = await dispatch('R-extra');
    await start();
    await eventually(async () => (await statesOf(t.db)).acknowledged === 1, 'acknowledged');
    expect((await held()).map((h) => h.attempts)).toEqual([1]);
    const row = (
      await t.db.query<{ receipt: string; attempts: number; last_error_code: string | null }>(
        'SELECT receipt, attempts, last_error_code FROM delivery_packets',
      )
    ).rows[0]!;
    expect(row.attempts).toBe(1);
    expect(row.last_error_code).toBeNull();
    const proof = JSON.parse(row.receipt) as { httpStatus: number; body: string; signature: string; signer: string };
    expect(JSON.parse(proof.body)).toMatchObject({
      packetId: packet.packetId,
      idempotencyKey: packet.idempotencyKey,
      trackingUrl: 'https://httt.example/theo-doi/1',
    });
    // The receiver's signature over the exact bytes kept still verifies: proof of delivery.
    expect((await verifySignature(proof.body, proof.signature, trust, clock)).ok).toBe(true);
    expect(proof.signer).toContain('000.00.00.G22');
    await eventually(
      async () => (await t.db.query("SELECT payload FROM delivery_message_log WHERE direction = 'in'")).rowCount === 1,
      'sealed',
    );
    const logged = (await t.db.query<{ payload: string }>("SELECT payload FROM delivery_message_log WHERE direction = 'in'")).rows[0]!
      .payload;
    expect(logged).toBe(row.receipt);
  });

  it('429 for longer than the fallback threshold sends nothing through the e-document channel, and spends no retry budget', async () => {
    sim.faults.set({ mode: '429', retryAfterSeconds: 0 });
    await dispatch('R-429');
    await start({ maxAttempts: 3 });
    await eventually(
      async () => (await t.db.query("SELECT 1 FROM delivery_attempts WHERE error_code = 'NATIONAL_RATE_LIMITED'")).rowCount! >= 5,
      'throttled attempts',
    );
    clock = new Date('2027-03-08T08:00:00Z'); // 5 working hours later: past the 3-hour outage threshold
    await eventually(
      async () =>
        (await t.db.query("SELECT 1 FROM delivery_attempts WHERE error_code = 'NATIONAL_RATE_LIMITED' AND at >= '2027-03-08T08:00:00Z'"))
          .rowCount! >= 3,
      'throttled after the threshold',
    );
    expect(edoc.calls).toHaveLength(0);
    const health = await t.db.query<{ failing_since: Date | null }>(
      "SELECT failing_since FROM delivery_channel_health WHERE channel = 'national'",
    );
    expect(health.rows[0]?.failing_since ?? null).toBeNull();
    const states = await statesOf(t.db);
    expect(states.dead ?? 0).toBe(0);
    expect(states.sent_via_fallback ?? 0).toBe(0);

    sim.faults.set({ mode: 'none' });
    await eventually(async () => (await statesOf(t.db)).acknowledged === 1, 'acknowledged once throttling stops');
    expect((await held()).map((h) => h.attempts)).toEqual([1]);
    expect(edoc.calls).toHaveLength(0);
  });
});

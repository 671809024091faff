import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edocChannelsFromEnv } from '../../src/channels/edoc/config.js';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { writeOutbox } from '../../src/delivery/outbox.js';
import { DEFAULT_RETRY_POLICY } from '../../src/delivery/retry-policy.js';
import { edocSimulator } from '../../src/sim/edoc/edoc-simulator.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { testEngine } from './support/engine.js';
import { builderFor, monthlyReport } from '../exchange/support/reports.js';
import { eventually, statesOf } from './support/packets.js';

describe('national simulator down → e-document simulator → national simulator once (real channels)', () => {
  let t: TestDatabase;
  let national: RunningSimulator;
  let edoc: RunningSimulator;
  let engine: DeliveryEngine;
  // Monday 2027-03-08 09:00 in Hà Nội; only the fallback policy reads this clock.
  let clock = new Date('2027-03-08T02:00:00Z');
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    national = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    edoc = await edocSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  });
  afterAll(async () => {
    await engine?.stop();
    await national.close();
    await edoc.close();
    await t.dispose();
  });

  it('reaches the e-document system during a long outage, then the national system holds each report exactly once', async () => {
    const channels = edocChannelsFromEnv({}, { simulatorUrl: edoc.url })!;
    engine = testEngine(
      t.db,
      { national: createNationalChannel({ baseUrl: national.url, timeoutMs: 5_000 }), edoc: channels.fallback, archive: channels.archive },
      {
        now: () => clock,
        retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 100_000, jitter: 0, circuitOpenDelayMs: 30 },
      },
    );
    national.faults.set({ mode: 'down' });
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Real signed packets, one per report: the receiver checks that each receipt names its own packet.
      const report = monthlyReport({ submissionId: `E${i}`, deadline: '2027-12-31' });
      const [packet] = await builderFor().build(report);
      keys.push(packet!.idempotencyKey);
      await t.db.transaction((tx) => writeOutbox(tx, report, [packet!], false, clock));
    }
    await engine.start();
    await eventually(async () => {
      const r = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM delivery_attempts WHERE error_code = 'NATIONAL_UNREACHABLE'",
      );
      return r.rows[0]!.n >= 3;
    }, 'national failures');

    clock = new Date('2027-03-08T06:45:00Z'); // 3 h 15' of office time later
    await eventually(async () => (await statesOf(t.db)).sent_via_fallback === 3, 'sent via e-document');
    const docs = (await (await fetch(`${edoc.url}/_sim/received`)).json()) as { documentId: string }[];
    expect(docs).toHaveLength(3);
    expect((await (await fetch(`${national.url}/_sim/received`)).json()) as unknown[]).toHaveLength(0);

    national.faults.set({ mode: 'none' });
    await eventually(async () => (await statesOf(t.db)).reconciled === 3, 'reconciled');
    const held = (await (await fetch(`${national.url}/_sim/received`)).json()) as { idempotencyKey: string; attempts: number }[];
    expect(held.map((h) => h.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(held.map((h) => h.attempts)).toEqual([1, 1, 1]);
    await engine.reconciler.runOnce();
    expect(((await (await fetch(`${national.url}/_sim/received`)).json()) as { attempts: number }[]).map((h) => h.attempts)).toEqual([
      1, 1, 1,
    ]);
    expect((await (await fetch(`${edoc.url}/_sim/received`)).json()) as unknown[]).toHaveLength(3);
  });
});

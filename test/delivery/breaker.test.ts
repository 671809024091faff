import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { DEFAULT_RETRY_POLICY } from '../../src/delivery/retry-policy.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { CountingChannel } from './support/channels.js';
import { testEngine } from './support/engine.js';
import { dispatchReports, eventually, statesOf } from './support/packets.js';

describe('circuit breaker per channel', () => {
  let t: TestDatabase;
  let engine: DeliveryEngine;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  });
  afterAll(async () => {
    await engine.stop();
    await t.dispose();
  });

  it('opens on a failing channel, defers packets without spending attempts, and closes when the channel recovers', async () => {
    const national = new CountingChannel('national');
    national.mode = 'down';
    engine = testEngine(
      t.db,
      { national },
      {
        breaker: { timeoutMs: 5_000, errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 1000 },
        retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 1000, jitter: 0, circuitOpenDelayMs: 30 },
      },
    );
    const ids = await dispatchReports(t.db, 10, 'B', new Date(), false, '2099-12-31');
    await engine.start();
    await eventually(async () => engine.services.circuits()[0]!.state === 'open' && true, 'circuit open');
    expect(engine.services.circuits()[0]).toMatchObject({ channel: 'national', state: 'open', failingSince: expect.any(String) });
    const callsWhenOpen = national.calls.length;
    // While open, jobs keep coming back (CIRCUIT_OPEN) without calling the channel.
    await eventually(async () => {
      const r = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery_packets WHERE last_error_code = 'CIRCUIT_OPEN'");
      return r.rows[0]!.n > 0;
    }, 'deferred packets');
    expect(national.calls.length).toBeLessThanOrEqual(callsWhenOpen + 1);
    const deferred = await engine.services.listPackets({ state: 'queued' });
    expect(deferred.some((p) => p.lastErrorCode === 'CIRCUIT_OPEN')).toBe(true);

    national.mode = 'ok';
    await eventually(async () => (await statesOf(t.db)).acknowledged === 10, 'all delivered after recovery');
    expect(engine.services.circuits()[0]).toMatchObject({ state: 'closed', failingSince: null });
    expect(national.accepted.size).toBe(10);
    const attempts = (await engine.services.packet(ids[9]!))!.attempts;
    expect(attempts).toBeLessThan(national.calls.length);
  });

  it('an instance adopts the outage start another instance saved (shared fallback threshold)', async () => {
    const { ChannelBreakers } = await import('../../src/delivery/breakers.js');
    const down = new CountingChannel('national');
    down.mode = 'down';
    const a = new ChannelBreakers(t.db, () => new Date('2027-03-08T02:00:00Z'));
    const b = new ChannelBreakers(t.db, () => new Date('2027-03-08T04:00:00Z'));
    a.register('national', down);
    b.register('national', new CountingChannel('national'));
    await expect(
      a.deliver('national', {
        packetId: 'x',
        idempotencyKey: 'k',
        packetType: 'report-data',
        submissionId: 's',
        body: '{}',
        signature: 'sig',
        title: 't',
      }),
    ).rejects.toMatchObject({ code: 'TEST_DOWN', retryable: true });
    expect(b.failingSince('national')).toBeNull();
    await b.load();
    expect(b.failingSince('national')?.toISOString()).toBe('2027-03-08T02:00:00.000Z');
    await b.deliver('national', {
      packetId: 'y',
      idempotencyKey: 'k2',
      packetType: 'report-data',
      submissionId: 's',
      body: '{}',
      signature: 'sig',
      title: 't',
    });
    expect(b.failingSince('national')).toBeNull();
    a.shutdown();
    b.shutdown();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { withCorrelationId } from '../../src/shared/logger.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { CountingChannel } from './support/channels.js';
import { testEngine } from './support/engine.js';
import { dispatchReports, eventually, statesOf } from './support/packets.js';

describe('correlation id from the dispatching request to every delivery attempt', () => {
  let t: TestDatabase;
  let engine: DeliveryEngine;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
  });
  afterAll(async () => {
    await engine?.stop();
    await t.dispose();
  });

  it('records the attempts of a packet under the id of the request that dispatched it', async () => {
    const national = new CountingChannel('national');
    national.failNext = 1; // one retry, so two attempts carry the id
    engine = testEngine(t.db, { national });
    const [packetId] = await withCorrelationId('req-approve-42', () => dispatchReports(t.db, 1, 'C'));
    await engine.start();
    await eventually(async () => (await statesOf(t.db)).acknowledged === 1, 'acknowledged');
    const attempts = await t.db.query<{ correlation_id: string | null; outcome: string }>(
      'SELECT correlation_id, outcome FROM delivery_attempts WHERE packet_id = $1 ORDER BY id',
      [packetId],
    );
    expect(attempts.rows.map((r) => r.outcome)).toEqual(['retry', 'ok']);
    expect(attempts.rows.every((r) => r.correlation_id === 'req-approve-42')).toBe(true);
  });
});

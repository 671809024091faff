import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertTimestamping, stampHead, verifyLogTimestamps } from '../../src/delivery/log-timestamps.js';
import { sealAll, verifyMessageLog } from '../../src/delivery/message-log.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { createTsaClient } from '../../src/exchange/timestamp/tsa-client.js';
import { tsaSimulator } from '../../src/sim/tsa/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';

const trust = TrustStore.fromFiles(['fixtures/pki/ca.crt.pem']);

describe('trusted time for the message log (RFC 3161, TSA simulator on openssl ts)', () => {
  let t: TestDatabase;
  let tsaSim: RunningSimulator;
  let clock = new Date('2027-03-08T02:00:00Z');
  const now = () => clock;
  const append = (n: number, tag: string) =>
    t.db.query(
      `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload, payload_hash)
     SELECT now(), 'out', 'PKT-' || $2 || g, 'national', '{"n":' || g || '}', encode(sha256(('{"n":' || g || '}')::bytea), 'hex') FROM generate_series(1, $1) g`,
      [n, tag],
    );

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    tsaSim = await tsaSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  }, 120_000);
  afterAll(async () => {
    await tsaSim.close();
    await t.dispose();
  });

  it('stamps the chain head when it moved; audit verify checks the stamps; a forged stamp or a changed record fails', async () => {
    const tsa = createTsaClient({ url: tsaSim.url, trust });
    await append(3, 'a');
    await sealAll(t.db);
    expect(await stampHead(t.db, tsa, now)).toBe('stamped');
    expect(await stampHead(t.db, tsa, now)).toBe('unchanged');
    await append(2, 'b');
    await sealAll(t.db);
    expect(await stampHead(t.db, tsa, now)).toBe('stamped');
    const ok = await verifyLogTimestamps(t.db, trust);
    expect(ok).toMatchObject({ ok: true, checked: 2, latest: { seq: 5 } });
    expect((await verifyMessageLog(t.db)).ok).toBe(true);

    // A forged stamp: the first token moved onto the second stamp's row (valid token, other imprint).
    const rows = (await t.db.query<{ id: string; token: string }>('SELECT id, token FROM delivery_message_timestamps ORDER BY id')).rows;
    await t.db.query('UPDATE delivery_message_timestamps SET token = $1 WHERE id = $2', [rows[0]!.token, rows[1]!.id]);
    expect(await verifyLogTimestamps(t.db, trust)).toMatchObject({
      ok: false,
      checked: 1,
      firstBad: { seq: 5, problem: 'TIMESTAMP_INVALID' },
    });
    await t.db.query('UPDATE delivery_message_timestamps SET token = $1 WHERE id = $2', [rows[1]!.token, rows[1]!.id]);
    expect((await verifyLogTimestamps(t.db, trust)).ok).toBe(true);

    // A changed record whose hash the forger recomputed: the chain check and the stamp both catch it.
    await t.db.query(
      `UPDATE delivery_message_log SET payload = '{"n":99}', payload_hash = encode(sha256('{"n":99}'::bytea), 'hex'), hash = repeat('a', 64) WHERE seq = 3`,
    );
    expect((await verifyMessageLog(t.db)).firstBad).toEqual({ seq: 3, problem: 'ALTERED' });
    expect(await verifyLogTimestamps(t.db, trust)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: 'TIMESTAMP_RECORD_MISMATCH' } });
  });

  it('fail-closed: once time-stamping has failed longer than the limit, no new packet is accepted', async () => {
    const down = createTsaClient({ url: 'http://127.0.0.1:9/tsa', trust, timeoutMs: 2000 });
    await append(1, 'c');
    await sealAll(t.db);
    expect(await stampHead(t.db, down, now)).toBe('failed');
    await t.db.transaction((tx) => assertTimestamping(tx, 60 * 60_000, clock));
    clock = new Date('2027-03-08T03:30:00Z');
    await expect(t.db.transaction((tx) => assertTimestamping(tx, 60 * 60_000, clock))).rejects.toMatchObject({
      code: 'MESSAGE_LOG_TIMESTAMP_FAILING',
    });
    await t.db.transaction((tx) => assertTimestamping(tx, undefined, clock));
    expect(await stampHead(t.db, createTsaClient({ url: tsaSim.url, trust }), now)).toBe('stamped');
    await t.db.transaction((tx) => assertTimestamping(tx, 60 * 60_000, clock));
  });
});

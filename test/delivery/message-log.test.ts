import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealAll, verifyMessageLog } from '../../src/delivery/message-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';

async function append(t: TestDatabase, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await t.db.query(
      `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES ($1::timestamptz, $2, $3, 'national', $4)`,
      [
        new Date(Date.UTC(2027, 0, 15, 2, 0, i)).toISOString(),
        i % 2 === 0 ? 'out' : 'in',
        `P${Math.floor(i / 2)}`,
        JSON.stringify({ n: i, text: 'Báo cáo' }),
      ],
    );
  }
}

// Same SQL on PGlite: the engine suite verifies an intact chain there.
describe('tamper-evident message log (Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE delivery_message_inbox, delivery_message_log');
    await t.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
    await append(t, 10);
    expect(await sealAll(t.db)).toBe(10);
  });

  it('verifies an intact chain, and keeps chaining across seals', async () => {
    expect(await verifyMessageLog(t.db)).toEqual({ ok: true, checked: 10, pending: 0 });
    await append(t, 3);
    expect(await verifyMessageLog(t.db)).toEqual({ ok: true, checked: 10, pending: 3 });
    await sealAll(t.db);
    expect(await verifyMessageLog(t.db, 4)).toEqual({ ok: true, checked: 13, pending: 0 });
  });

  it('names the first altered record: payload, metadata or a recomputed payload hash', async () => {
    await t.db.query(`UPDATE delivery_message_log SET payload = '{"n":4,"text":"sửa"}' WHERE seq = 5`);
    expect(await verifyMessageLog(t.db)).toMatchObject({ ok: false, firstBad: { seq: 5, problem: 'ALTERED' }, checked: 4 });
  });

  it('detects an altered record even when its own hashes were recomputed (the next link breaks)', async () => {
    await t.db.query(`UPDATE delivery_message_log SET channel = 'edoc' WHERE seq = 3`);
    const first = await verifyMessageLog(t.db);
    expect(first.firstBad).toEqual({ seq: 3, problem: 'ALTERED' });
    // Recompute seq 3 as a forger would: seq 4's prev_hash no longer matches.
    const { entryHash } = await import('../../src/delivery/message-log.js');
    const r = (
      await t.db.query<{ at: Date; direction: string; packet_id: string; channel: string; payload: string; prev_hash: string }>(
        'SELECT * FROM delivery_message_log WHERE seq = 3',
      )
    ).rows[0]!;
    const h = entryHash(r.prev_hash, {
      seq: 3,
      at: new Date(r.at).toISOString(),
      direction: r.direction,
      packetId: r.packet_id,
      channel: r.channel,
      payload: r.payload,
    });
    await t.db.query('UPDATE delivery_message_log SET payload_hash = $1, hash = $2 WHERE seq = 3', [h.payloadHash, h.hash]);
    expect((await verifyMessageLog(t.db)).firstBad).toEqual({ seq: 4, problem: 'ALTERED' });
  });

  it('names a deleted record, in the middle or at the end', async () => {
    await t.db.query('DELETE FROM delivery_message_log WHERE seq = 7');
    expect(await verifyMessageLog(t.db)).toMatchObject({ ok: false, firstBad: { seq: 7, problem: 'MISSING' } });
  });

  it('reads pages ahead and still stops at the first bad record, whichever page it is in', async () => {
    expect(await verifyMessageLog(t.db, 3)).toEqual({ ok: true, checked: 10, pending: 0 });
    await t.db.query(`UPDATE delivery_message_log SET direction = CASE direction WHEN 'out' THEN 'in' ELSE 'out' END WHERE seq = 8`);
    expect(await verifyMessageLog(t.db, 3)).toMatchObject({ ok: false, firstBad: { seq: 8, problem: 'ALTERED' }, checked: 7 });
    expect(await verifyMessageLog(t.db, 2)).toMatchObject({ ok: false, firstBad: { seq: 8, problem: 'ALTERED' }, checked: 7 });
  });

  it('detects a record missing at a page boundary, a changed prev_hash alone, and a timestamp moved by one millisecond', async () => {
    await t.db.query('DELETE FROM delivery_message_log WHERE seq = 4');
    expect(await verifyMessageLog(t.db, 3)).toMatchObject({ ok: false, firstBad: { seq: 4, problem: 'MISSING' }, checked: 3 });
    await t.db.query('TRUNCATE delivery_message_log');
    await t.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
    await append(t, 10);
    await sealAll(t.db);
    await t.db.query(`UPDATE delivery_message_log SET prev_hash = '${'1'.repeat(64)}' WHERE seq = 6`);
    expect(await verifyMessageLog(t.db, 4)).toMatchObject({ ok: false, firstBad: { seq: 6, problem: 'ALTERED' } });
    await t.db.query(`UPDATE delivery_message_log SET prev_hash = (SELECT hash FROM delivery_message_log WHERE seq = 5) WHERE seq = 6`);
    expect(await verifyMessageLog(t.db, 4)).toMatchObject({ ok: true, checked: 10 });
    await t.db.query(`UPDATE delivery_message_log SET at = at + interval '1 millisecond' WHERE seq = 9`);
    expect(await verifyMessageLog(t.db, 4)).toMatchObject({ ok: false, firstBad: { seq: 9, problem: 'ALTERED' } });
  });

  it('verifies records whose times carry microseconds, as the sealer hashed them (milliseconds, UTC)', async () => {
    await t.db.query(
      `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload)
       SELECT timestamptz '2027-01-15 09:00:00.000999+07' + g * interval '1001 microseconds', 'out', 'PU' || g, 'national', '{"g":' || g || '}'
         FROM generate_series(1, 1500) g`,
    );
    await sealAll(t.db);
    expect(await verifyMessageLog(t.db, 500)).toEqual({ ok: true, checked: 1510, pending: 0 });
  });

  it('names a deleted last record against the chain head', async () => {
    await t.db.query('DELETE FROM delivery_message_log WHERE seq = 10');
    expect(await verifyMessageLog(t.db)).toMatchObject({ ok: false, firstBad: { seq: 10, problem: 'MISSING' } });
  });
});

import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveMessageLog } from '../../src/delivery/archive/archive-message-log.js';
import { listArchives } from '../../src/delivery/archive/archive-index.js';
import { verifyArchive } from '../../src/delivery/archive/verify-archive.js';
import { stampHead } from '../../src/delivery/log-timestamps.js';
import { sealAll, verifyMessageLog } from '../../src/delivery/message-log.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { createTsaClient } from '../../src/exchange/timestamp/tsa-client.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { tsaSimulator } from '../../src/sim/tsa/index.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';

const trust = TrustStore.fromFiles(['fixtures/pki/ca.crt.pem']);
const JAN = (s: number) => new Date(Date.UTC(2027, 0, 15, 2, 0, s));
const MAR = (s: number) => new Date(Date.UTC(2027, 2, 15, 2, 0, s));
const CUTOFF = new Date(Date.UTC(2027, 1, 1));

describe('message-log archive: bounded live tables, hash-linked files, audit verify --archive (Postgres)', () => {
  let t: TestDatabase;
  let tsaSim: RunningSimulator;
  let dir: string;
  const now = () => new Date(Date.UTC(2027, 3, 1));

  async function append(at: Date, i: number): Promise<void> {
    await t.db.query(
      `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES ($1::timestamptz, $2, $3, 'national', $4)`,
      [at.toISOString(), i % 2 === 0 ? 'out' : 'in', 'PKT-A', JSON.stringify({ n: i, text: 'Biên nhận đã ký' })],
    );
  }
  async function attempt(at: Date, n: number): Promise<void> {
    await t.db.query(
      `INSERT INTO delivery_attempts (packet_id, attempt, channel, at, outcome, duration_ms) VALUES ('PKT-A', $1, 'national', $2::timestamptz, 'ok', 12)`,
      [n, at.toISOString()],
    );
  }
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    tsaSim = await tsaSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  }, 120_000);
  afterAll(async () => {
    await tsaSim.close();
    await t.dispose();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lienthong-archive-'));
    await t.db.query(
      'TRUNCATE delivery_message_inbox, delivery_message_log, delivery_message_timestamps, delivery_message_archives, delivery_attempts',
    );
    await t.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
    await t.db.query(`DELETE FROM delivery_packets WHERE packet_id = 'PKT-A'`);
    await t.db.query(
      `INSERT INTO delivery_packets (packet_id, idempotency_key, route, submission_id, subject_id, packet_type, org_unit_id, period_key, form_code, title, body, signature, state, channel, created_at, updated_at)
       VALUES ('PKT-A', 'KEY-A', 'national', 'S1', 'S1', 'report-data', 'U1', '2027-M01', 'F01', 'Báo cáo', '{}', 'sig', 'acknowledged', 'national', now(), now())`,
    );
    // Ten records and three attempts in January (past the retention), two and one in March.
    for (let i = 0; i < 10; i++) await append(JAN(i), i);
    for (let i = 0; i < 3; i++) await attempt(JAN(i), i + 1);
    await sealAll(t.db);
    // A real RFC 3161 stamp of the head at record 10: it travels with the archive.
    expect(await stampHead(t.db, createTsaClient({ url: tsaSim.url, trust }), now)).toBe('stamped');
    for (let i = 10; i < 12; i++) await append(MAR(i), i);
    await attempt(MAR(0), 4);
    await sealAll(t.db);
  });

  it('moves the old prefix into linked files; the live chain and the archive each verify, and nothing is lost', async () => {
    const run = await archiveMessageLog(t.db, { dir, before: CUTOFF, now, maxRecordsPerFile: 4, pageSize: 3 });
    expect(run.files.map((f) => [f.firstSeq, f.lastSeq])).toEqual([
      [1, 4],
      [5, 8],
      [9, 10],
    ]);
    expect({ messages: run.messages, attempts: run.attempts, timestamps: run.timestamps }).toEqual({
      messages: 10,
      attempts: 3,
      timestamps: 1,
    });
    expect(run.files[1]!.prevFileSha256).toBe(run.files[0]!.fileSha256);
    expect(run.files[1]!.prevHash).toBe(run.files[0]!.lastHash);
    // The live tables hold only what is newer than the retention.
    expect(await count('delivery_message_log')).toBe(2);
    expect(await count('delivery_attempts')).toBe(1);
    expect(await count('delivery_message_timestamps')).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(run.files.map((f) => f.fileName));

    expect(await verifyMessageLog(t.db)).toEqual({ ok: true, checked: 2, pending: 0, archivedThrough: 10 });
    const index = await listArchives(t.db);
    expect(index).toEqual(run.files);
    expect(await verifyArchive(dir, index, trust)).toEqual({
      ok: true,
      files: 3,
      messages: 10,
      timestamps: 1,
      attempts: 3,
      lastSeq: 10,
      unindexed: [],
    });

    // A second run finds nothing older; the chain keeps growing from the archived head.
    expect((await archiveMessageLog(t.db, { dir, before: CUTOFF, now })).files).toEqual([]);
    await append(MAR(20), 20);
    await sealAll(t.db);
    expect(await verifyMessageLog(t.db)).toMatchObject({ ok: true, checked: 3, archivedThrough: 10 });
  });

  it('names a record altered inside a file, a missing file, a file swapped for another and a broken live link', async () => {
    const { files } = await archiveMessageLog(t.db, { dir, before: CUTOFF, now, maxRecordsPerFile: 4 });
    const second = join(dir, files[1]!.fileName);
    const original = readFileSync(second);
    const lines = gunzipSync(original).toString('utf8').split('\n');
    await writeFile(second, gzipSync(lines.map((l) => l.replace('\\"n\\":6,', '\\"n\\":60,')).join('\n')));
    expect((await verifyArchive(dir, files, trust)).firstBad).toMatchObject({
      file: files[1]!.fileName,
      seq: 7,
      problem: 'ARCHIVE_RECORD_ALTERED',
    });

    // Same records, other bytes (re-compressed): the index's digest catches it.
    await writeFile(second, gzipSync(gunzipSync(original), { level: 1 }));
    expect((await verifyArchive(dir, files, trust)).firstBad).toMatchObject({ file: files[1]!.fileName, problem: 'ARCHIVE_FILE_ALTERED' });

    await unlink(second);
    const missing = await verifyArchive(dir, files, trust);
    expect(missing).toMatchObject({ ok: false, files: 1, firstBad: { file: files[1]!.fileName, problem: 'ARCHIVE_FILE_MISSING' } });
    await writeFile(second, original);
    expect((await verifyArchive(dir, files, trust)).ok).toBe(true);

    // An index row removed to hide a file: the next file no longer continues the one before.
    expect((await verifyArchive(dir, [files[0]!, files[2]!], trust)).firstBad).toMatchObject({ problem: 'ARCHIVE_LINK_BROKEN' });

    // The live chain's first record must continue the last archived hash.
    await t.db.query(`UPDATE delivery_message_log SET prev_hash = repeat('b', 64) WHERE seq = 11`);
    expect(await verifyMessageLog(t.db)).toMatchObject({ ok: false, firstBad: { seq: 11, problem: 'ALTERED' }, archivedThrough: 10 });
  });

  it('refuses to archive an altered chain, and leaves every row and no file behind', async () => {
    await t.db.query(`UPDATE delivery_message_log SET payload = '{"n":3,"text":"sửa"}' WHERE seq = 4`);
    await expect(archiveMessageLog(t.db, { dir, before: CUTOFF, now })).rejects.toMatchObject({
      code: 'MESSAGE_LOG_ARCHIVE_CHAIN_BROKEN',
      details: { seq: 4 },
    });
    expect(await count('delivery_message_log')).toBe(12);
    expect(await count('delivery_attempts')).toBe(4);
    expect(await count('delivery_message_archives')).toBe(0);
    expect(await readdir(dir)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it('checks each archived time stamp against its record and its token against the trust anchors', async () => {
    const { files } = await archiveMessageLog(t.db, { dir, before: CUTOFF, now });
    const file = join(dir, files[0]!.fileName);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    const forged = lines.map((l) => {
      const v = JSON.parse(l) as { type?: string; token?: string };
      return v.type === 'timestamp' ? JSON.stringify({ ...v, token: Buffer.from('not a token').toString('base64') }) : l;
    });
    await writeFile(file, gzipSync(forged.join('\n')));
    expect((await verifyArchive(dir, files, trust)).firstBad).toMatchObject({ seq: 10, problem: 'ARCHIVE_TIMESTAMP_INVALID' });
  });
});

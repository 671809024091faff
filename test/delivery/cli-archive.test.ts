import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAll } from '../../src/delivery/message-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { databaseUrlOf, runCli as run } from './support/cli-run.js';

describe('lienthong audit archive and audit verify --archive', () => {
  let t: TestDatabase;
  let dir: string;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    process.env.DATABASE_URL = await databaseUrlOf(t);
    dir = await mkdtemp(join(tmpdir(), 'lienthong-cli-archive-'));
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await t.dispose();
  });

  it('archives the old records, verifies the archive and the live chain together, and names an altered archived record', async () => {
    for (let i = 1; i <= 6; i++)
      await t.db.query(
        "INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES ($1::timestamptz, 'out', $2, 'national', $3)",
        [i <= 4 ? '2027-01-10T02:00:00Z' : '2027-03-10T02:00:00Z', `P${i}`, JSON.stringify({ p: i })],
      );
    await sealAll(t.db);

    const archived = await run('audit', 'archive', '--dir', dir, '--before', '2027-02-01T00:00:00Z', '--json');
    expect(archived.code).toBe(0);
    expect(JSON.parse(archived.stdout)).toMatchObject({ messages: 4, files: [{ firstSeq: 1, lastSeq: 4 }] });
    const files = await readdir(dir);
    expect(files).toEqual(['message-log-000000000001-000000000004.ndjson.gz']);

    const plain = await run('audit', 'verify');
    expect(plain).toMatchObject({ code: 0 });
    expect(plain.stdout).toContain('2 bản ghi hợp lệ, từ bản ghi số 5 (trước đó đã lưu trữ)');

    const whole = await run('audit', 'verify', '--archive', dir, '--json');
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({
      ok: true,
      checked: 2,
      archivedThrough: 4,
      archive: { ok: true, files: 1, messages: 4, lastSeq: 4, unindexed: [] },
    });

    const path = join(dir, files[0]!);
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    await writeFile(path, gzipSync(text.replace('"packetId":"P3"', '"packetId":"P33"')));
    const bad = await run('audit', 'verify', '--archive', dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`tệp lưu trữ ${files[0]}, bản ghi số 3`);
    expect(bad.stderr).toContain('ARCHIVE_RECORD_ALTERED');
  });
});

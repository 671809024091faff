import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sealAll } from '../../src/delivery/message-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { dispatchReports } from './support/packets.js';
import { databaseUrlOf, runCli as run } from './support/cli-run.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

describe('lienthong audit verify and lienthong replay', () => {
  let t: TestDatabase;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    process.env.DATABASE_URL = await databaseUrlOf(t);
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await t.dispose();
  });

  it('audit verify passes on an intact log and exits 1 naming the first altered record (also through the binary)', async () => {
    for (let i = 1; i <= 4; i++) {
      await t.db.query(
        "INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES (now(), 'out', $1, 'national', '{}')",
        [`P${i}`],
      );
    }
    await sealAll(t.db);
    const ok = await run('audit', 'verify', '--json');
    expect(ok).toMatchObject({ code: 0 });
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      checked: 4,
      pending: 0,
      timestamps: { ok: true, checked: 0 },
      auditLog: { ok: true, checked: 0, pending: 0 },
      source: 'store',
    });
    await t.db.query("UPDATE delivery_message_log SET packet_id = 'P9' WHERE seq = 2");
    const bad = await run('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bản ghi số 2 bị sửa đổi');
    expect(bad.stderr).toContain('MESSAGE_LOG_ALTERED');
    const binary = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, 'audit', 'verify'], {
      env: { ...process.env, LOG_LEVEL: 'error' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('MESSAGE_LOG_ALTERED');
  });

  it('replay --all-dead puts dead letters back through the outbox; bad arguments get a stable code', async () => {
    const [dead, ok] = await dispatchReports(t.db, 2, 'C');
    await t.db.query('DELETE FROM delivery_outbox');
    await t.db.query("UPDATE delivery_packets SET state = 'dead', attempts = 20 WHERE packet_id = $1", [dead]);
    await t.db.query("UPDATE delivery_packets SET state = 'acknowledged' WHERE packet_id = $1", [ok]);
    const out = await run('replay', '--all-dead', '--actor', 'ops-1', '--json');
    expect(out).toMatchObject({ code: 0 });
    expect(JSON.parse(out.stdout)).toEqual({ requeued: [dead], skipped: [] });
    expect((await t.db.query('SELECT packet_id FROM delivery_outbox')).rows).toEqual([{ packet_id: dead }]);
    expect(
      (
        await t.db.query<{ state: string; retry_base: number }>('SELECT state, retry_base FROM delivery_packets WHERE packet_id = $1', [
          dead,
        ])
      ).rows[0],
    ).toEqual({ state: 'queued', retry_base: 20 });
    expect((await t.db.query("SELECT actor, subject FROM audit_log WHERE action = 'delivery.replay'")).rows).toEqual([
      { actor: 'ops-1', subject: dead },
    ]);
    const skipped = await run('replay', ok!);
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toContain('not a dead letter (acknowledged)');
    expect(await run('replay')).toMatchObject({ code: 2, stderr: expect.stringContaining('REPLAY_NOTHING') });
    expect(await run('replay', 'x', '--all-dead')).toMatchObject({ code: 2, stderr: expect.stringContaining('REPLAY_AMBIGUOUS') });
  });
});

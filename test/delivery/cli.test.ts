import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAll } from '../../src/delivery/message-log.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.js';
import { dispatchReports } from './support/packets.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'error' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lienthong audit verify and lienthong replay', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env = { DATABASE_URL: url.toString() };
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('audit verify passes on an intact log and exits 1 naming the first altered record', async () => {
    for (let i = 1; i <= 4; i++) {
      await t.db.query("INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES (now(), 'out', $1, 'national', '{}')", [`P${i}`]);
    }
    await sealAll(t.db);
    const ok = await cli(env, 'audit', 'verify', '--json');
    expect(ok).toMatchObject({ code: 0 });
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, checked: 4, pending: 0 });
    await t.db.query("UPDATE delivery_message_log SET packet_id = 'P9' WHERE seq = 2");
    const bad = await cli(env, 'audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bản ghi số 2 bị sửa đổi');
    expect(bad.stderr).toContain('MESSAGE_LOG_ALTERED');
  });

  it('replay --all-dead puts dead letters back through the outbox; bad arguments get a stable code', async () => {
    const [dead, ok] = await dispatchReports(t.db, 2, 'C');
    await t.db.query("DELETE FROM delivery_outbox");
    await t.db.query("UPDATE delivery_packets SET state = 'dead', attempts = 20 WHERE packet_id = $1", [dead]);
    await t.db.query("UPDATE delivery_packets SET state = 'acknowledged' WHERE packet_id = $1", [ok]);
    const out = await cli(env, 'replay', '--all-dead', '--actor', 'ops-1', '--json');
    expect(out).toMatchObject({ code: 0 });
    expect(JSON.parse(out.stdout)).toEqual({ requeued: [dead], skipped: [] });
    expect((await t.db.query('SELECT packet_id FROM delivery_outbox')).rows).toEqual([{ packet_id: dead }]);
    expect((await t.db.query<{ state: string; retry_base: number }>('SELECT state, retry_base FROM delivery_packets WHERE packet_id = $1', [dead])).rows[0]).toEqual({ state: 'queued', retry_base: 20 });
    expect((await t.db.query("SELECT actor, subject FROM audit_log WHERE action = 'delivery.replay'")).rows).toEqual([{ actor: 'ops-1', subject: dead }]);
    const skipped = await cli(env, 'replay', ok!);
    expect(skipped.code).toBe(1);
    expect(skipped.stdout).toContain('not a dead letter (acknowledged)');
    const none = await cli(env, 'replay');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('REPLAY_NOTHING');
  });
});

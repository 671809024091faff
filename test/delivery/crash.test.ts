import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../../src/delivery/queue/bullmq-queue.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../support/databases.js';
import { startReceiver, type CountingReceiver } from './support/http-receiver.js';
import { dispatchReports, eventually, statesOf } from './support/packets.js';

const WORKER = new URL('./support/worker-process.ts', import.meta.url).pathname;

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe('a worker killed with SIGKILL mid-delivery (Postgres + BullMQ on Redis)', () => {
  let t: TestDatabase;
  let receiver: CountingReceiver;
  const prefix = uniqueRedisPrefix();
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    receiver = await startReceiver(15);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await receiver.close();
    const q = new BullmqQueue({ redisUrl: TEST_REDIS_URL, prefix });
    await q.obliterate().catch(() => undefined);
    await q.close();
    await t.dispose();
  });

  it('loses nothing and duplicates nothing: every packet is held once by the receiver', async () => {
    const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DB_SCHEMA: schema,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      RECEIVER_URL: receiver.url,
    };
    const ids = await dispatchReports(t.db, 300, 'K');
    const first = await startWorker(env);
    children.push(first);
    await eventually(async () => receiver.requests >= 60, 'deliveries under way');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const killedAt = receiver.requests;
    expect(killedAt).toBeLessThan(300);

    children.push(await startWorker(env));
    await eventually(async () => (await statesOf(t.db)).acknowledged === 300, 'all 300 acknowledged', 300_000);
    expect(await statesOf(t.db)).toEqual({ acknowledged: 300 });
    expect(receiver.held.size).toBe(300);
    expect([...receiver.held.keys()].sort()).toEqual(ids.map((id) => id.replace('PKT-', 'IK-')).sort());
    // A request cut off by the kill may be resent, always with its key; no packet is sent twice once recorded.
    const resent = [...receiver.perKey.values()].filter((n) => n > 1).length;
    expect(resent).toBeLessThanOrEqual(8); // the worker's concurrency: only requests in flight at the kill
    const log = await t.db.query<{ n: number }>("SELECT count(DISTINCT packet_id)::int AS n FROM delivery_attempts WHERE outcome = 'ok'");
    expect(log.rows[0]!.n).toBe(300);
  });
});

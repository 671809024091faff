import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { BullmqQueue } from '../../src/delivery/queue/bullmq-queue.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { testEngine } from './support/engine.js';
import { httpChannel, startReceiver, type CountingReceiver } from './support/http-receiver.js';
import { dispatchReports, eventually, statesOf } from './support/packets.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Our own redis-server (the shared one on 6379 is not ours to restart). */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return child;
}

describe('a Redis restart mid-run (Postgres + BullMQ)', () => {
  let t: TestDatabase;
  let receiver: CountingReceiver;
  let redis: ChildProcess;
  let engine: DeliveryEngine;
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-redis-'));
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    receiver = await startReceiver(10);
  });
  afterAll(async () => {
    await engine?.stop().catch(() => undefined);
    if (redis && redis.exitCode === null) redis.kill('SIGKILL');
    await receiver.close();
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing: every packet is acknowledged and held once', async () => {
    const port = await freePort();
    redis = await startRedis(port, dir);
    const queue = new BullmqQueue({
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix: 'restart',
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    engine = testEngine(
      t.db,
      { national: httpChannel(receiver.url) },
      { queue, concurrency: 4, staleMs: 2000, reconcileIntervalMs: 300, relay: { batchSize: 20, pollMs: 10, claimMs: 1500 } },
    );
    await dispatchReports(t.db, 200, 'X');
    await engine.start();
    await eventually(async () => receiver.requests >= 30, 'deliveries under way');
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    redis = await startRedis(port, dir);
    await eventually(async () => (await statesOf(t.db)).acknowledged === 200, 'all 200 acknowledged', 300_000);
    expect(await statesOf(t.db)).toEqual({ acknowledged: 200 });
    expect(receiver.held.size).toBe(200);
  });
});

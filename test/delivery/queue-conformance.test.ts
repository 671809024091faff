import { afterEach, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../../src/delivery/queue/bullmq-queue.js';
import { MemoryQueue } from '../../src/delivery/queue/memory-queue.js';
import type { DeliveryQueue } from '../../src/delivery/queue/queue.js';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../support/databases.js';
import { eventually } from './support/packets.js';

/** One suite, both drivers (real Redis for BullMQ). */
const drivers: { name: string; open: () => DeliveryQueue }[] = [
  { name: 'memory', open: () => new MemoryQueue() },
  { name: 'bullmq', open: () => new BullmqQueue({ redisUrl: TEST_REDIS_URL, prefix: uniqueRedisPrefix(), lockDurationMs: 5_000 }) },
];

describe.each(drivers)('delivery queue conformance: $name', ({ open }) => {
  let queue: DeliveryQueue;
  afterEach(async () => {
    if (queue instanceof BullmqQueue) await queue.obliterate().catch(() => undefined);
    await queue.close();
  });

  it('runs every added job once and ignores a job id that is still pending', async () => {
    queue = open();
    const seen: string[] = [];
    await queue.pause();
    await queue.add([{ packetId: 'a' }, { packetId: 'b' }, { packetId: 'a' }]);
    await queue.add([{ packetId: 'b' }, { packetId: 'c:1' }]);
    queue.process(async (job) => void seen.push(job.packetId), { concurrency: 4 });
    await queue.resume();
    await eventually(async () => seen.length === 3, 'three jobs');
    await eventually(async () => (await queue.counts()).active === 0, 'idle');
    expect(seen.sort()).toEqual(['a', 'b', 'c:1']);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 0 });
  });

  it('re-runs a job after the delay its handler asks for, and after a handler error', async () => {
    queue = open();
    const runs = new Map<string, number>();
    queue.process(
      async (job) => {
        const n = (runs.get(job.packetId) ?? 0) + 1;
        runs.set(job.packetId, n);
        if (job.packetId === 'retry' && n < 3) return { retryAfterMs: 20 };
        if (job.packetId === 'boom' && n < 2) throw new Error('database away');
      },
      { concurrency: 2 },
    );
    await queue.add([{ packetId: 'retry' }, { packetId: 'boom' }]);
    await eventually(async () => runs.get('retry') === 3 && runs.get('boom') === 2, 'retries');
    await eventually(async () => {
      const c = await queue.counts();
      return c.active + c.waiting + c.delayed === 0;
    }, 'drained');
    expect(Object.fromEntries(runs)).toEqual({ retry: 3, boom: 2 });
  });

  it('never runs more handlers at once than its concurrency', async () => {
    queue = open();
    let active = 0;
    let peak = 0;
    let done = 0;
    // The first handlers wait until three run at once (a condition, not a sleep: on a busy machine
    // a short sleep may end before the next job is fetched); a queue running fewer never gets there.
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    queue.process(
      async () => {
        active++;
        peak = Math.max(peak, active);
        if (active === 3) openGate();
        await gate;
        active--;
        done++;
      },
      { concurrency: 3 },
    );
    await queue.add(Array.from({ length: 12 }, (_, i) => ({ packetId: `j${i}` })));
    await eventually(async () => done === 12, 'all done');
    expect(peak).toBe(3);
  });

  it('close waits for the active job (graceful shutdown)', async () => {
    queue = open();
    let release!: () => void;
    let finished = false;
    let started = false;
    queue.process(
      async () => {
        started = true;
        await new Promise<void>((r) => (release = r));
        finished = true;
      },
      { concurrency: 1 },
    );
    await queue.add([{ packetId: 'slow' }]);
    await eventually(async () => started, 'job started');
    const closing = queue.close();
    setTimeout(() => release(), 20);
    await closing;
    expect(finished).toBe(true);
    queue = open();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { BullmqScheduler } from '../../src/scheduling/bullmq-scheduler.js';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../support/databases.js';

/**
 * Three gateway instances' schedulers on one Redis prefix, each registering the same jobs (as
 * three gateway processes do at start): every slot runs exactly once across them. No timing
 * assertion: the test waits until a number of slots has run, then counts runs per slot.
 */
describe('scheduled jobs across three instances (BullMQ job schedulers on real Redis)', () => {
  const schedulers: BullmqScheduler[] = [];
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  });

  it('runs each slot of each job once, whichever instance takes it', async () => {
    const prefix = uniqueRedisPrefix();
    const runs: { job: string; slot: number; instance: number }[] = [];
    const slotsWanted = 4;
    let enough: () => void = () => {};
    const done = new Promise<void>((r) => {
      enough = r;
    });
    for (let instance = 0; instance < 3; instance++) {
      const scheduler = new BullmqScheduler({ redisUrl: TEST_REDIS_URL, prefix });
      schedulers.push(scheduler);
      for (const job of ['test:every', 'test:cron']) {
        await scheduler.register({
          id: job,
          ...(job === 'test:every' ? { everyMs: 400 } : { pattern: '* * * * * *' }),
          run: async ({ scheduledAt }) => {
            runs.push({ job, slot: scheduledAt.getTime(), instance });
            const slots = (name: string) => new Set(runs.filter((r) => r.job === name).map((r) => r.slot)).size;
            if (slots('test:every') >= slotsWanted && slots('test:cron') >= slotsWanted) enough();
          },
        });
      }
    }
    await Promise.all(schedulers.map((s) => s.start()));
    await done;
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));

    for (const job of ['test:every', 'test:cron']) {
      const mine = runs.filter((r) => r.job === job);
      const perSlot = new Map<number, number>();
      for (const r of mine) perSlot.set(r.slot, (perSlot.get(r.slot) ?? 0) + 1);
      expect(perSlot.size).toBeGreaterThanOrEqual(slotsWanted);
      expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
      // cron slots fall on whole seconds; fixed-period slots come once per period (BullMQ
      // starts the series at once when the aligned start has already passed on a busy machine).
      const slots = [...perSlot.keys()].sort((a, b) => a - b);
      if (job === 'test:cron') expect(slots.every((slot) => slot % 1000 === 0)).toBe(true);
      // No second series: at most one slot per period over the span (one more for a start clamped to "now").
      else expect(slots.length).toBeLessThanOrEqual(Math.floor((slots.at(-1)! - slots[0]!) / 400) + 2);
    }
    // One scheduler entry per job in Redis, whatever the number of instances that upserted it.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const ids = await redis.zrange(`${prefix}:schedules:repeat`, 0, -1);
      expect(ids.sort()).toEqual(['test:cron', 'test:every']);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});

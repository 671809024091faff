import { describe, expect, it } from 'vitest';
import { MemoryScheduler } from './memory-scheduler.js';
import type { ScheduledRun } from './scheduler.js';

/** A clock the test moves by hand: no wall-clock waits. */
function fakeClock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('in-process scheduler (injected clock)', () => {
  it('runs each job once per slot, skips nothing that came due, and nothing before its slot', async () => {
    const clock = fakeClock('2027-01-05T00:00:30Z');
    const scheduler = new MemoryScheduler({ now: clock.now, timer: false });
    const runs: Record<string, ScheduledRun[]> = { a: [], b: [] };
    await scheduler.register({ id: 'test:a', everyMs: 60_000, run: async (r) => void runs.a!.push(r) });
    // Every day at 01:30 Vietnam time = 18:30 UTC the day before.
    await scheduler.register({ id: 'test:b', pattern: '0 30 1 * * *', run: async (r) => void runs.b!.push(r) });
    await scheduler.start();
    await scheduler.tick();
    expect(runs.a).toHaveLength(0);
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000);
      await scheduler.tick();
      await scheduler.tick(); // a second tick at the same instant runs nothing more
    }
    expect(runs.a!.map((r) => r.scheduledAt.toISOString())).toEqual(
      Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2027, 0, 5, 0, i + 1)).toISOString()),
    );
    expect(runs.b).toHaveLength(0);
    clock.advance(18 * 3_600_000 + 30 * 60_000);
    await scheduler.tick();
    expect(runs.b!.map((r) => r.scheduledAt.toISOString())).toEqual(['2027-01-05T18:30:00.000Z']);
    // Slots missed while the process slept run once, not in a burst.
    expect(runs.a!.length).toBe(11);
    expect(
      scheduler
        .list()
        .find((j) => j.id === 'test:b')
        ?.nextRun?.toISOString(),
    ).toBe('2027-01-06T18:30:00.000Z');
    await scheduler.stop();
  });

  it('a failing run is logged and the next slot still runs; an overlapping slot is skipped', async () => {
    const clock = fakeClock('2027-01-05T00:00:00Z');
    const scheduler = new MemoryScheduler({ now: clock.now, timer: false });
    let calls = 0;
    let release: () => void = () => {};
    await scheduler.register({
      id: 'test:flaky',
      everyMs: 1000,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        if (calls === 2)
          await new Promise<void>((r) => {
            release = r;
          });
      },
    });
    await scheduler.start();
    clock.advance(1000);
    await scheduler.tick();
    expect(calls).toBe(1);
    clock.advance(1000);
    const slow = scheduler.tick();
    clock.advance(1000);
    await scheduler.tick(); // the second run is still going: this slot is skipped
    expect(calls).toBe(2);
    release();
    await slow;
    clock.advance(1000);
    await scheduler.tick();
    expect(calls).toBe(3);
    await scheduler.stop();
  });

  it('refuses a job without exactly one schedule and runs nothing before start', async () => {
    const clock = fakeClock('2027-01-05T00:00:00Z');
    const scheduler = new MemoryScheduler({ now: clock.now, timer: false });
    await expect(scheduler.register({ id: 'test:none', run: async () => {} })).rejects.toMatchObject({ code: 'SCHEDULE_INVALID' });
    await expect(scheduler.register({ id: 'bad id', everyMs: 5, run: async () => {} })).rejects.toMatchObject({
      code: 'SCHEDULE_ID_INVALID',
    });
    let calls = 0;
    await scheduler.register({ id: 'test:x', everyMs: 1000, run: async () => void calls++ });
    clock.advance(5000);
    await scheduler.tick();
    expect(calls).toBe(0);
    await scheduler.runNow('test:x');
    expect(calls).toBe(1);
    await expect(scheduler.runNow('test:missing')).rejects.toMatchObject({ code: 'SCHEDULE_UNKNOWN' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import type { GatewayModule, NoServices } from '../../src/gateway/module.js';
import { BullmqScheduler } from '../../src/scheduling/bullmq-scheduler.js';
import type { JobScheduler, ScheduledJob } from '../../src/scheduling/scheduler.js';
import { PostgresDatabase } from '../../src/store/postgres-database.js';
import type { Database } from '../../src/store/database.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';

/** Every slot of the test's schedule, one second apart, whatever each job's own pattern. */
const SLOT_MS = 1000;
const SLOTS_WANTED = 3;

interface Run {
  job: string;
  slot: number;
  instance: number;
}

/**
 * The gateway's scheduler as the composition root builds it (BullMQ job schedulers on the
 * shared Redis prefix), with the schedule under the test's control: each job the modules
 * register keeps its id but runs every second, and its run is counted instead of doing the
 * job's work (backups, connector pulls and time stamps every second would measure them, not
 * the scheduler). `runNow` still runs the real job.
 */
function countingScheduler(instance: number, prefix: string, runs: Run[], registered: Set<string>) {
  const inner = new BullmqScheduler({ redisUrl: TEST_REDIS_URL, prefix });
  const scheduler: JobScheduler = {
    driver: 'bullmq',
    register: async (job: ScheduledJob) => {
      registered.add(job.id);
      await inner.register({
        id: job.id,
        everyMs: SLOT_MS,
        run: async ({ scheduledAt }) => void runs.push({ job: job.id, slot: scheduledAt.getTime(), instance }),
      });
    },
    unregister: (id) => inner.unregister(id),
    remove: (id) => inner.remove(id),
    list: () => inner.list(),
    runNow: (id) => inner.runNow(id),
    start: () => inner.start(),
    stop: () => inner.stop(),
  };
  const module: GatewayModule<NoServices, { scheduler: JobScheduler }> = {
    name: 'scheduler',
    requires: {},
    provides: { scheduler: true },
    async init() {
      return { services: { scheduler }, start: () => scheduler.start(), stop: () => scheduler.stop() };
    },
  };
  return module;
}

/**
 * Three whole gateways (every module but the demo traffic, each with its own in-process
 * simulators) on one private PostgreSQL schema and one Redis prefix, as three instances behind
 * a load balancer: every periodic job of every area is registered by all three, and each slot
 * of each job runs exactly once across them. No timing assertion: the test waits until each job
 * has run a few slots, then counts runs per slot.
 */
describe('every periodic job runs once per slot across three gateway instances', { timeout: 300_000 }, () => {
  let t: TestDatabase;
  const pools: Database[] = [];
  const gateways: Gateway[] = [];
  const runs: Run[] = [];
  const registered: Set<string>[] = [new Set(), new Set(), new Set()];
  const backupDir = mkdtempSync(join(tmpdir(), 'lienthong-3gw-'));

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    const prefix = uniqueRedisPrefix();
    for (let i = 0; i < 3; i++) {
      const db = i === 0 ? t.db : PostgresDatabase.open({ connectionString: TEST_DATABASE_URL, schema: t.schema!, max: 5 });
      if (i > 0) pools.push(db);
      const config = loadConfig({
        PORT: '0',
        NODE_ENV: 'test',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        START_SIMULATORS: 'true',
        SEED_DEMO: 'true',
        DEMO_PASSWORD,
        DEMO_TRAFFIC: 'false',
        BACKUP_DIR: backupDir,
      });
      const gw = await createGateway({
        config,
        db,
        modules: [
          countingScheduler(i, prefix, runs, registered[i]!),
          ...modules.filter((m) => m.name !== 'scheduler' && m.name !== 'demo'),
        ],
      });
      gateways.push(gw);
    }
    // Started one after the other, as a rolling deployment would (the seed and migrations are shared).
    for (const gw of gateways) await gw.start();
  }, 300_000);
  afterAll(async () => {
    for (const gw of gateways) await gw.close().catch(() => undefined);
    for (const db of pools) await db.close();
    await t?.dispose();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('registers the same periodic jobs in every instance, every area on the scheduler', () => {
    const ids = [...registered[0]!].sort();
    expect([...registered[1]!].sort()).toEqual(ids);
    expect([...registered[2]!].sort()).toEqual(ids);
    // Connectors, automatic assignment, reconciliation, reminders, backups, time-stamping, catalog push.
    expect(ids).toEqual(
      expect.arrayContaining([
        'connector:bnnmt-pull',
        'connector:bnnmt-push',
        'core:auto-assign',
        'delivery:reconcile',
        'notifications:reminders',
        'backup:daily',
        'delivery:timestamp-log-head',
        'exchange:catalog-push',
        'exchange:kpi-push',
        'notifications:watch',
        'identity:purge-sessions',
        'ops:seal-audit',
      ]),
    );
  });

  it('runs each slot of each job once, whichever instance takes it', async () => {
    const ids = [...registered[0]!];
    const slots = (id: string) => new Set(runs.filter((r) => r.job === id).map((r) => r.slot)).size;
    while (!ids.every((id) => slots(id) >= SLOTS_WANTED)) await new Promise((r) => setTimeout(r, 200));
    for (const gw of gateways.splice(0)) await gw.close();
    for (const id of ids) {
      const perSlot = new Map<number, number>();
      for (const r of runs.filter((x) => x.job === id)) perSlot.set(r.slot, (perSlot.get(r.slot) ?? 0) + 1);
      expect([id, [...perSlot.values()].every((n) => n === 1)]).toEqual([id, true]);
      // One series per job, not one per instance: at most one slot per period over the span (one
      // more when BullMQ clamped a start that had already passed on a busy machine to "now").
      const slots = [...perSlot.keys()].sort((a, b) => a - b);
      expect([id, slots.length <= Math.floor((slots.at(-1)! - slots[0]!) / SLOT_MS) + 2]).toEqual([id, true]);
    }
    // The instances share the work: more than one of them took runs.
    expect(new Set(runs.map((r) => r.instance)).size).toBeGreaterThan(1);
  });
});

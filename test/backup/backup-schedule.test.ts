import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP_JOB_ID, backupModule } from '../../src/backup/module.js';
import { BACKUP_NAME } from '../../src/backup/manifest.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import type { GatewayModule, NoServices } from '../../src/gateway/module.js';
import type { JobScheduler } from '../../src/scheduling/scheduler.js';
import { MemoryScheduler } from '../../src/scheduling/memory-scheduler.js';
import { schedulerModule } from '../../src/app/adapters/scheduler-module.js';
import { listAudit } from '../../src/store/audit-log.js';
import { migrate } from '../../src/store/migrate.js';
import { PostgresDatabase } from '../../src/store/postgres-database.js';
import {
  openPgliteTestDatabase,
  TEST_DATABASE_BOUNDS,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../support/databases.js';
import { until } from '../support/private-servers.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lienthong-backup-schedule-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const backupsIn = (dir: string) =>
  readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort();

describe('daily backups on the gateway scheduler', () => {
  it('runs at 01:30 Vietnam time on the in-process scheduler (injected clock), named after the slot, with retention', async () => {
    const t = await openPgliteTestDatabase();
    const dir = tempDir();
    let at = Date.parse('2026-12-01T12:00:00Z');
    const now = () => new Date(at);
    const scheduler = new MemoryScheduler({ now, timer: false });
    const injected: GatewayModule<NoServices, { scheduler: JobScheduler }> = {
      name: 'scheduler',
      requires: {},
      provides: { scheduler: true },
      async init() {
        return { services: { scheduler }, start: () => scheduler.start(), stop: () => scheduler.stop() };
      },
    };
    const config = loadConfig({ BACKUP_DIR: dir, BACKUP_RETENTION_DAYS: '1', START_SIMULATORS: 'false', SEED_DEMO: 'false', PORT: '0' });
    const gw = await createGateway({ config, db: t.db, now, modules: [injected, backupModule] });
    try {
      await gw.start();
      expect(scheduler.list()).toEqual([
        expect.objectContaining({ id: BACKUP_JOB_ID, pattern: '30 1 * * *', timezone: 'Asia/Ho_Chi_Minh' }),
      ]);
      await scheduler.tick();
      expect(backupsIn(dir)).toEqual([]); // not before its slot
      at = Date.parse('2026-12-01T18:30:00Z'); // 01:30 on 2 December in Hà Nội
      await scheduler.tick();
      await scheduler.tick(); // the same slot once
      expect(backupsIn(dir)).toEqual(['lienthong-pglite-20261201T183000Z.tar.gz']);
      for (let day = 1; day <= 2; day++) {
        at += 86_400_000;
        await scheduler.tick();
      }
      // Three daily runs, retention 1 day: the first is older than that at the third run.
      expect(backupsIn(dir)).toEqual(['lienthong-pglite-20261202T183000Z.tar.gz', 'lienthong-pglite-20261203T183000Z.tar.gz']);
      const created = await listAudit(t.db, { action: 'backup.created' });
      expect(created.map((e) => e.subject).sort()).toEqual([
        'lienthong-pglite-20261201T183000Z.tar.gz',
        'lienthong-pglite-20261202T183000Z.tar.gz',
        'lienthong-pglite-20261203T183000Z.tar.gz',
      ]);
      expect(created.find((e) => e.subject?.includes('20261203'))?.details).toMatchObject({
        pruned: ['lienthong-pglite-20261201T183000Z.tar.gz'],
      });
    } finally {
      await gw.close();
      await t.dispose();
    }
  }, 600_000); // three PGlite dumps (WASM): minutes when the machine is loaded

  it('runs each slot once across two instances on Redis (BullMQ job scheduler), PostgreSQL backed up with pg_dump', async () => {
    const dbName = `lt_bsched_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    };
    await admin(`CREATE DATABASE ${dbName}`);
    const url = TEST_DATABASE_URL.replace(/\/[^/]*$/, `/${dbName}`);
    const dir = tempDir();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueRedisPrefix(),
      BACKUP_DIR: dir,
      // A slot every two seconds stands in for the daily one: the same job on the same scheduler.
      BACKUP_CRON: '*/2 * * * * *',
      PORT: '0',
    };
    const dbs = [
      PostgresDatabase.open({ connectionString: url, max: 3, env: TEST_DATABASE_BOUNDS }),
      PostgresDatabase.open({ connectionString: url, max: 3, env: TEST_DATABASE_BOUNDS }),
    ];
    await migrate(dbs[0]!);
    const gateways: Gateway[] = [];
    try {
      for (const db of dbs) gateways.push(await createGateway({ config: loadConfig(env), db, modules: [schedulerModule, backupModule] }));
      expect(gateways.map((g) => g.ctx.services.scheduler?.driver)).toEqual(['bullmq', 'bullmq']);
      await Promise.all(gateways.map((g) => g.start()));
      await until(async () => (await listAudit(dbs[0]!, { action: 'backup.created' })).length >= 3, 'three scheduled backups', 180_000);
      await Promise.all(gateways.splice(0).map((g) => g.close()));
      const created = await listAudit(dbs[0]!, { action: 'backup.created' });
      const slots = created.map((e) => e.subject!);
      // Two instances, one run per slot: no slot backed up twice, every run left its file.
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.every((s) => /^lienthong-postgres-\d{8}T\d{5}[02468]Z\.dump$/.test(s))).toBe(true);
      expect(backupsIn(dir)).toEqual([...slots].sort());
      expect(await listAudit(dbs[0]!, { action: 'backup.failed' })).toEqual([]);
    } finally {
      await Promise.all(gateways.map((g) => g.close()));
      await Promise.all(dbs.map((d) => d.close()));
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    }
  }, 300_000);
});

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAll } from '../../src/delivery/message-log.js';
import { insertQueuedPackets, type NewPacket } from '../../src/delivery/packet-store.js';
import { restoreBackup, type StoreLocation } from '../../src/backup/backup-service.js';
import { appendAudit } from '../../src/store/audit-log.js';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { PgliteDatabase } from '../../src/store/pglite-database.js';
import { PostgresDatabase } from '../../src/store/postgres-database.js';
import { TEST_DATABASE_BOUNDS, TEST_DATABASE_URL } from '../support/databases.js';

/**
 * The restore drill (issue #11, Hải Phòng 11.1): fill a store, `lienthong backup`, destroy the
 * store, `lienthong restore`, then `lienthong audit verify` passes and every packet is where it
 * was. Runs the real CLI as a child process, on both stores: PGlite in a temp folder and
 * PostgreSQL in a private database created (and dropped) by the test, never `test`.
 */
const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  delete base.BACKUP_DIR;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...base, LOG_LEVEL: 'error', ...env },
      timeout: 300_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function packet(i: number): NewPacket {
  return {
    packetId: `PKT-${i}`,
    idempotencyKey: `idem-${i}`,
    subjectKind: 'report',
    subjectId: `S-${i}`,
    subjectVersion: 1,
    route: i % 3 === 0 ? 'archive' : 'national',
    submissionId: `S-${i}`,
    submissionVersion: 1,
    packetType: 'report-data',
    orgUnitId: 'lai-chau',
    periodKey: '2026-Y',
    formCode: 'BC01',
    title: `Báo cáo số ${i}`,
    body: JSON.stringify({ n: i, text: 'Số liệu kinh tế - xã hội' }),
    signature: `sig-${i}`,
    deadline: '2027-01-15',
    channel: i % 3 === 0 ? 'edoc' : 'national',
  };
}

/** Packets in several states, a sealed message log plus unsealed messages, audit entries. */
async function fill(db: Database): Promise<void> {
  const now = new Date('2026-12-01T02:00:00Z');
  await db.transaction((tx) =>
    insertQueuedPackets(
      tx,
      Array.from({ length: 9 }, (_, i) => packet(i)),
      now,
    ),
  );
  await db.query(`UPDATE delivery_packets SET state = 'acknowledged', remote_id = 'R-' || packet_id WHERE packet_id IN ('PKT-1', 'PKT-2')`);
  await db.query(`UPDATE delivery_packets SET state = 'dead', last_error_code = 'NATIONAL_REJECTED' WHERE packet_id = 'PKT-4'`);
  for (let i = 0; i < 12; i++) {
    await db.query(
      `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES ($1::timestamptz, $2, $3, 'national', $4)`,
      [new Date(now.getTime() + i * 1000).toISOString(), i % 2 ? 'in' : 'out', `PKT-${i % 9}`, JSON.stringify({ n: i, text: 'Báo cáo' })],
    );
  }
  await sealAll(db);
  await db.query(
    `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload) VALUES ($1::timestamptz, 'out', 'PKT-0', 'national', '{"late":true}')`,
    [now.toISOString()],
  );
  await appendAudit(db, { actor: 'admin', action: 'drill.marker', subject: 'before-backup' });
}

async function snapshot(db: Database): Promise<{ packets: unknown[]; log: unknown[]; inbox: number }> {
  const packets = (await db.query('SELECT * FROM delivery_packets ORDER BY packet_id')).rows;
  const log = (await db.query('SELECT * FROM delivery_message_log ORDER BY seq')).rows;
  const inbox = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_message_inbox')).rows[0]!.n;
  return { packets, log, inbox };
}

interface StoreUnderDrill {
  name: string;
  env: () => Record<string, string>;
  open(): Promise<Database>;
  destroy(): Promise<void>;
  dispose(): Promise<void>;
}

const work = mkdtempSync(join(tmpdir(), 'lienthong-drill-'));
const dataDir = join(work, 'pglite');
const dbName = `lt_drill_${randomBytes(5).toString('hex')}`;
const drillUrl = (() => {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const stores: StoreUnderDrill[] = [
  {
    name: 'pglite',
    env: () => ({ DATA_DIR: dataDir }),
    open: async () => PgliteDatabase.open(dataDir),
    destroy: async () => rmSync(dataDir, { recursive: true, force: true }),
    dispose: async () => undefined,
  },
  {
    name: 'postgres',
    env: () => ({ DATABASE_URL: drillUrl }),
    open: async () => PostgresDatabase.open({ connectionString: drillUrl, max: 2, env: TEST_DATABASE_BOUNDS }),
    destroy: async () => {
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${dbName}`);
    },
    dispose: async () => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
  },
];

beforeAll(async () => {
  await admin(`CREATE DATABASE ${dbName}`);
});
afterAll(async () => {
  for (const s of stores) await s.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe.each(stores)('restore drill: $name', (store) => {
  const dir = join(work, `backups-${store.name}`);

  it('backs up, is destroyed, restores: audit verify passes and every packet is where it was', async () => {
    const db = await store.open();
    await migrate(db);
    await fill(db);
    const before = await snapshot(db);
    expect(before.packets).toHaveLength(9);
    expect(before.log).toHaveLength(12);
    await db.close();

    const backup = await cli(store.env(), 'backup', '--dir', dir, '--json');
    expect(backup.code, backup.stderr).toBe(0);
    const manifest = JSON.parse(backup.stdout.trim().split('\n').pop()!) as {
      file: string;
      store: string;
      sha256: string;
      counts: { packets: number; messages: number };
    };
    expect(manifest).toMatchObject({ store: store.name, counts: { packets: 9, messages: 12 } });
    expect(readdirSync(dir).sort()).toEqual([manifest.file, `${manifest.file}.json`]);

    await store.destroy();

    const restored = await cli(store.env(), 'restore', join(dir, manifest.file), '--json');
    expect(restored.code, restored.stderr).toBe(0);
    const verify = await cli(store.env(), 'audit', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checked: 12, pending: 1 });

    const again = await store.open();
    try {
      expect(await snapshot(again)).toEqual(before);
      const { rows } = await again.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE action IN ('drill.marker', 'backup.restored') ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual(['drill.marker', 'backup.restored']);
    } finally {
      await again.close();
    }
  }, 600_000);

  it('refuses to restore over a store that holds data without --force, and a tampered backup always', async () => {
    const file = readdirSync(dir).find((n) => !n.endsWith('.json'))!;
    const location: StoreLocation = { ...(store.name === 'postgres' ? { databaseUrl: drillUrl } : {}), dataDir };
    const now = new Date('2026-12-02T00:00:00Z');
    await expect(restoreBackup(join(dir, file), location, { force: false, now })).rejects.toMatchObject({
      code: 'RESTORE_TARGET_NOT_EMPTY',
    });
    const tampered = join(dir, `tampered-${file}`);
    const bytes = readFileSync(join(dir, file));
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(tampered, bytes);
    writeFileSync(`${tampered}.json`, readFileSync(join(dir, `${file}.json`)));
    await expect(restoreBackup(tampered, location, { force: true, now })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    const other = store.name === 'pglite' ? { databaseUrl: drillUrl, dataDir, env: {} } : { dataDir, env: {} };
    await expect(restoreBackup(join(dir, file), other, { force: true, now })).rejects.toMatchObject({ code: 'BACKUP_STORE_MISMATCH' });
    const forced = await restoreBackup(join(dir, file), location, { force: true, now });
    if (store.name === 'pglite') expect(forced.movedAside).toMatch(/pglite\.before-restore-/);
    const db = await store.open();
    try {
      expect((await snapshot(db)).packets).toHaveLength(9);
    } finally {
      await db.close();
    }
  }, 600_000);
});

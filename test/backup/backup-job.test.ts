import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackupJob } from '../../src/backup/backup-job.js';
import { checkedManifest, pruneBackups } from '../../src/backup/backup-service.js';
import { readBackupConfig, storeLocationOf } from '../../src/backup/config.js';
import { backupFileName } from '../../src/backup/manifest.js';
import { loadConfig } from '../../src/config.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';

/** The daily backup job (as the scheduler runs it) and retention, with an injected clock. */
describe('backup job and retention', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-backups-'));
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads its settings: no BACKUP_DIR = no schedule; cron and retention validated', () => {
    // As the module reads them: the environment through the schema (loadConfig), then the backup reader.
    const backupFrom = (env: Record<string, string>) => readBackupConfig(loadConfig(env).settings);
    const invalid = (name: string) => expect.objectContaining({ code: 'CONFIG_INVALID', details: { name } });
    expect(backupFrom({})).toEqual({ cron: '30 1 * * *', retentionDays: 30 });
    expect(backupFrom({ BACKUP_DIR: '/var/backups/lt', BACKUP_CRON: '0 3 * * *', BACKUP_RETENTION_DAYS: '14' })).toEqual({
      dir: '/var/backups/lt',
      cron: '0 3 * * *',
      retentionDays: 14,
    });
    expect(() => backupFrom({ BACKUP_CRON: 'every day' })).toThrow(invalid('BACKUP_CRON'));
    for (const days of ['0', '1.5', 'tháng'])
      expect(() => backupFrom({ BACKUP_RETENTION_DAYS: days })).toThrow(invalid('BACKUP_RETENTION_DAYS'));
    expect(storeLocationOf(loadConfig({ PG_BIN_DIR: '/usr/lib/postgresql/17/bin', DATA_DIR: '/srv/lt/pglite' }))).toEqual({
      dataDir: '/srv/lt/pglite',
      pgBinDir: '/usr/lib/postgresql/17/bin',
    });
  });

  it('takes a backup with a checked manifest, applies retention, audits both', async () => {
    // Old backups by name: 40 and 10 days before "now".
    const now = new Date('2026-12-01T18:30:00Z');
    for (const days of [40, 10]) {
      const name = backupFileName('pglite', new Date(now.getTime() - days * 86_400_000));
      writeFileSync(join(dir, name), 'old');
      writeFileSync(join(dir, `${name}.json`), '{}');
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a backup, never touched');
    const result = await runBackupJob({ db: t.db, store: { dataDir: '/unused' }, dir, retentionDays: 30, now: () => now });
    expect(result.manifest).toMatchObject({
      store: 'pglite',
      file: 'lienthong-pglite-20261201T183000Z.tar.gz',
      createdAt: now.toISOString(),
    });
    expect(result.pruned).toEqual([backupFileName('pglite', new Date(now.getTime() - 40 * 86_400_000))]);
    await expect(checkedManifest(join(dir, result.manifest.file))).resolves.toMatchObject({ sha256: result.manifest.sha256 });
    expect(readdirSync(dir).sort()).toEqual(
      [
        backupFileName('pglite', new Date(now.getTime() - 10 * 86_400_000)),
        `${backupFileName('pglite', new Date(now.getTime() - 10 * 86_400_000))}.json`,
        result.manifest.file,
        `${result.manifest.file}.json`,
        'notes.txt',
      ].sort(),
    );
    expect((await listAudit(t.db, { action: 'backup.created' }))[0]).toMatchObject({
      actor: 'system',
      subject: result.manifest.file,
      details: { pruned: result.pruned },
    });
  }, 300_000); // a PGlite dump (WASM) takes minutes when the machine is loaded

  it('always keeps the newest backup, however old', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'lienthong-backups-'));
    const name = backupFileName('postgres', new Date('2020-01-01T00:00:00Z'));
    writeFileSync(join(lonely, name), 'x');
    expect(pruneBackups(lonely, 1, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
    expect(existsSync(join(lonely, name))).toBe(true);
    rmSync(lonely, { recursive: true, force: true });
  });

  it('audits a failed run and rethrows it for the scheduler', async () => {
    const notADir = join(dir, 'notes.txt', 'backups');
    await expect(
      runBackupJob({ db: t.db, store: { dataDir: '/unused' }, dir: notADir, retentionDays: 30, now: () => new Date() }),
    ).rejects.toThrow();
    expect((await listAudit(t.db, { action: 'backup.failed' }))[0]).toMatchObject({ actor: 'system', details: { dir: notADir } });
  });
});

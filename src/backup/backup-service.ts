import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from '../shared/errors.js';
import type { Database, SqlExecutor } from '../store/database.js';
import { acquireDataDirLock } from '../store/data-dir-lock.js';
import type { PgliteDatabase } from '../store/pglite-database.js';
import { BACKUP_NAME, backupFileName, sha256File, type BackupManifest } from './manifest.js';
import { pgDump, pgRestore } from './pg-tools.js';

/** Where the store lives: the same two settings the gateway opens it with, and where pg_dump is. */
export interface StoreLocation {
  databaseUrl?: string;
  dataDir: string;
  /** PG_BIN_DIR: the folder of pg_dump/pg_restore; unset = the ones on PATH. */
  pgBinDir?: string;
}

async function countsOf(db: SqlExecutor): Promise<BackupManifest['counts']> {
  const n = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  return { packets: await n('delivery_packets'), messages: await n('delivery_message_log'), auditEntries: await n('audit_log') };
}

/**
 * Takes one backup of the open store into `dir`: pg_dump (custom format) for PostgreSQL,
 * PGlite's own `dumpDataDir` (a gzipped tar of its folder) for the embedded store. Writes the
 * dump under a temporary name and renames it once complete, then the manifest beside it.
 */
export async function createBackup(db: Database, store: StoreLocation, dir: string, now: Date): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const file = backupFileName(db.kind, now);
  const path = join(dir, file);
  const partial = `${path}.partial`;
  const migrations = (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
  const counts = await countsOf(db);
  try {
    if (db.kind === 'postgres') {
      if (!store.databaseUrl) throw new AppError('BACKUP_FAILED', 'A PostgreSQL store needs DATABASE_URL to be backed up');
      await pgDump(store.databaseUrl, partial, store.pgBinDir);
    } else {
      const tar = await (db as PgliteDatabase).dumpDataDir();
      writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
    }
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  const manifest: BackupManifest = {
    format: 'lienthong-backup/1',
    store: db.kind,
    file,
    createdAt: now.toISOString(),
    size: statSync(path).size,
    sha256: await sha256File(path),
    migrations,
    counts,
  };
  writeFileSync(`${path}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The manifest of a backup file (its `.json` beside it), checked against the file's digest. */
export async function checkedManifest(file: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new AppError('BACKUP_NOT_FOUND', `Không tìm thấy bản sao lưu ${file}`, 404, { file });
  const metaPath = `${file}.json`;
  if (!existsSync(metaPath))
    throw new AppError('BACKUP_MANIFEST_MISSING', `Thiếu tệp mô tả ${basename(metaPath)} bên cạnh bản sao lưu`, 400, { file });
  const manifest = JSON.parse(readFileSync(metaPath, 'utf8')) as BackupManifest;
  const digest = await sha256File(file);
  if (manifest.format !== 'lienthong-backup/1' || digest !== manifest.sha256) {
    throw new AppError('BACKUP_CORRUPT', `Bản sao lưu ${basename(file)} không khớp mã băm trong tệp mô tả: tệp hỏng hoặc đã bị sửa`, 400, {
      file,
      expected: manifest.sha256,
      actual: digest,
    });
  }
  return manifest;
}

async function postgresHasTables(databaseUrl: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0]!.n > 0;
  } finally {
    await c.end();
  }
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Embedded store with --force: where the replaced folder was moved (nothing is deleted). */
  movedAside?: string;
}

/**
 * Restores a backup into the configured store. Refuses a store that already holds data unless
 * `force`: PostgreSQL is then cleaned object by object in the same transaction as the restore;
 * the PGlite folder is moved aside (`<DATA_DIR>.before-restore-<time>`), never deleted.
 */
export async function restoreBackup(file: string, store: StoreLocation, options: { force: boolean; now: Date }): Promise<RestoreOutcome> {
  const manifest = await checkedManifest(file);
  const target = store.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.store !== target) {
    throw new AppError('BACKUP_STORE_MISMATCH', `Bản sao lưu này của kho ${manifest.store}, nhưng cấu hình hiện tại dùng ${target}`, 400, {
      backup: manifest.store,
      configured: target,
    });
  }
  if (store.databaseUrl) {
    if (!options.force && (await postgresHasTables(store.databaseUrl))) {
      throw new AppError('RESTORE_TARGET_NOT_EMPTY', 'Cơ sở dữ liệu đích đã có dữ liệu; dùng --force để ghi đè bằng bản sao lưu', 409);
    }
    await pgRestore(store.databaseUrl, file, store.pgBinDir);
    return { manifest };
  }
  const lock = acquireDataDirLock(store.dataDir);
  try {
    let movedAside: string | undefined;
    if (readdirSync(store.dataDir).length > 0) {
      if (!options.force)
        throw new AppError(
          'RESTORE_TARGET_NOT_EMPTY',
          `Thư mục dữ liệu ${store.dataDir} đã có dữ liệu; dùng --force để thay (thư mục cũ được giữ lại bên cạnh)`,
          409,
          { dataDir: store.dataDir },
        );
      movedAside = join(
        dirname(store.dataDir),
        `${basename(store.dataDir)}.before-restore-${options.now.toISOString().replace(/[-:.]/g, '')}`,
      );
      renameSync(store.dataDir, movedAside);
      mkdirSync(store.dataDir, { recursive: true });
    }
    const db = await PGlite.create({ dataDir: store.dataDir, loadDataDir: new Blob([readFileSync(file)]) });
    await db.close();
    return { manifest, ...(movedAside ? { movedAside } : {}) };
  } finally {
    lock.release();
  }
}

/**
 * Retention: deletes backups (and their manifests) older than `retentionDays`, judged by the
 * time in their name; the newest backup is always kept, whatever its age.
 */
export function pruneBackups(dir: string, retentionDays: number, now: Date): string[] {
  if (!existsSync(dir)) return [];
  const backups = readdirSync(dir)
    .map((name) => ({ name, m: BACKUP_NAME.exec(name) }))
    .filter((b): b is { name: string; m: RegExpExecArray } => b.m !== null)
    .map((b) => ({ name: b.name, at: Date.parse(b.m[2]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) }))
    .sort((a, b) => b.at - a.at);
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const removed: string[] = [];
  for (const b of backups.slice(1)) {
    if (b.at >= cutoff) continue;
    rmSync(join(dir, b.name), { force: true });
    rmSync(join(dir, `${b.name}.json`), { force: true });
    removed.push(b.name);
  }
  return removed;
}

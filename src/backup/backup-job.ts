import { logger } from '../shared/logger.js';
import { appendAudit } from '../store/audit-log.js';
import type { Database } from '../store/database.js';
import { createBackup, pruneBackups, type StoreLocation } from './backup-service.js';
import type { BackupManifest } from './manifest.js';

export interface BackupJobDeps {
  db: Database;
  store: StoreLocation;
  dir: string;
  retentionDays: number;
  now: () => Date;
}

export interface BackupJobResult {
  manifest: BackupManifest;
  pruned: string[];
}

/**
 * One run of the daily backup (Hải Phòng 11.1): back up, then apply retention, both audited.
 * Run by the gateway's scheduler (src/backup/module.ts, once per slot across instances); a failure is logged and audited, and rethrown for the scheduler to record.
 */
export async function runBackupJob(deps: BackupJobDeps): Promise<BackupJobResult> {
  const now = deps.now();
  try {
    const manifest = await createBackup(deps.db, deps.store, deps.dir, now);
    const pruned = pruneBackups(deps.dir, deps.retentionDays, now);
    await appendAudit(deps.db, {
      actor: 'system',
      action: 'backup.created',
      subject: manifest.file,
      details: { dir: deps.dir, size: manifest.size, sha256: manifest.sha256, counts: manifest.counts, pruned },
    });
    logger.info('backup taken', { file: manifest.file, size: manifest.size, pruned: pruned.length });
    return { manifest, pruned };
  } catch (err) {
    logger.error('backup failed', { dir: deps.dir, error: (err as Error).message });
    await appendAudit(deps.db, {
      actor: 'system',
      action: 'backup.failed',
      details: { dir: deps.dir, error: (err as Error).message },
    }).catch(() => undefined);
    throw err;
  }
}

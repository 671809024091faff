import { resolve } from 'node:path';
import { Cron } from 'croner';
import { ValidationError } from '../shared/errors.js';
import type { Config } from '../config.js';
import type { Settings } from '../settings/schema.js';
import type { StoreLocation } from './backup-service.js';

export interface BackupConfig {
  /** Where backups go; unset = no schedule (the CLI then needs --dir). */
  dir?: string;
  /** Cron pattern in Vietnam time. */
  cron: string;
  retentionDays: number;
}

type BackupSettings = Pick<Settings, 'BACKUP_DIR' | 'BACKUP_CRON' | 'BACKUP_RETENTION_DAYS'>;

/**
 * BACKUP_DIR (unset), BACKUP_CRON (`30 1 * * *`, 01:30 Vietnam time), BACKUP_RETENTION_DAYS (30),
 * from the typed settings the schema checked at start; only the cron pattern's form is checked here.
 */
export function readBackupConfig(s: BackupSettings): BackupConfig {
  try {
    new Cron(s.BACKUP_CRON, { paused: true }).stop();
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `BACKUP_CRON is not a cron pattern: ${(err as Error).message}`, { name: 'BACKUP_CRON' });
  }
  return { ...(s.BACKUP_DIR ? { dir: resolve(s.BACKUP_DIR) } : {}), cron: s.BACKUP_CRON, retentionDays: s.BACKUP_RETENTION_DAYS };
}

/** The store the gateway is configured with, and the PostgreSQL tools (PG_BIN_DIR) that back it up. */
export function storeLocationOf(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'settings'>): StoreLocation {
  const { PG_BIN_DIR } = config.settings;
  return {
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(PG_BIN_DIR ? { pgBinDir: PG_BIN_DIR } : {}),
  };
}

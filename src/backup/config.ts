import { resolve } from 'node:path';
import { Cron } from 'croner';
import { ValidationError } from '../shared/errors.js';

export interface BackupConfig {
  /** Where backups go; unset = no schedule (the CLI then needs --dir). */
  dir?: string;
  /** Cron pattern in Vietnam time. */
  cron: string;
  retentionDays: number;
}

/** BACKUP_DIR (unset), BACKUP_CRON (`30 1 * * *`, 01:30 Vietnam time), BACKUP_RETENTION_DAYS (30). */
export function readBackupConfig(env: Readonly<Record<string, string | undefined>>): BackupConfig {
  const cron = env.BACKUP_CRON || '30 1 * * *';
  try {
    new Cron(cron, { paused: true }).stop();
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `BACKUP_CRON is not a cron pattern: ${(err as Error).message}`, { name: 'BACKUP_CRON' });
  }
  const rawDays = env.BACKUP_RETENTION_DAYS ?? '30';
  const retentionDays = Number(rawDays);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new ValidationError('CONFIG_INVALID', `BACKUP_RETENTION_DAYS must be a whole number of days ≥ 1, got "${rawDays}"`, {
      name: 'BACKUP_RETENTION_DAYS',
    });
  }
  return { ...(env.BACKUP_DIR ? { dir: resolve(env.BACKUP_DIR) } : {}), cron, retentionDays };
}

import { join } from 'node:path';
import type { Config } from '../../config.js';
import { ValidationError } from '../../shared/errors.js';

export interface ArchiveSettings {
  /** MESSAGE_LOG_ARCHIVE_DIR; embedded default `<DATA_DIR>/../archive`; unset in production = no archiving. */
  dir: string | undefined;
  /** MESSAGE_LOG_RETENTION_DAYS (default 30, X-Road's): records older than this move to the archive. */
  retentionDays: number;
  /** MESSAGE_LOG_ARCHIVE_EVERY_MS (default 6 h, X-Road's archive interval). */
  everyMs: number;
}

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new ValidationError('CONFIG_INVALID', `${name} must be a positive integer, got "${raw}"`, { variable: name });
  return n;
}

export function archiveSettings(config: Pick<Config, 'env' | 'databaseUrl' | 'dataDir'>): ArchiveSettings {
  const env = config.env;
  const dir = env.MESSAGE_LOG_ARCHIVE_DIR || (config.databaseUrl ? undefined : join(config.dataDir, '..', 'archive'));
  return {
    dir,
    retentionDays: positive(env, 'MESSAGE_LOG_RETENTION_DAYS', 30),
    everyMs: positive(env, 'MESSAGE_LOG_ARCHIVE_EVERY_MS', 6 * 3_600_000),
  };
}

export const retentionCutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * 86_400_000);

import { join } from 'node:path';
import type { Config } from '../../config.js';
import { settingFrom } from '../../settings/read-settings.js';

export interface ArchiveSettings {
  /** MESSAGE_LOG_ARCHIVE_DIR; embedded default `<DATA_DIR>/../archive`; unset in production = no archiving. */
  dir: string | undefined;
  /** MESSAGE_LOG_RETENTION_DAYS (default 30, X-Road's): records older than this move to the archive. */
  retentionDays: number;
  /** MESSAGE_LOG_ARCHIVE_EVERY_MS (default 6 h, X-Road's archive interval). */
  everyMs: number;
}

export function archiveSettings(config: Pick<Config, 'env' | 'databaseUrl' | 'dataDir'>): ArchiveSettings {
  const env = config.env;
  const dir = env.MESSAGE_LOG_ARCHIVE_DIR || (config.databaseUrl ? undefined : join(config.dataDir, '..', 'archive'));
  return {
    dir,
    retentionDays: settingFrom(env, 'MESSAGE_LOG_RETENTION_DAYS'),
    everyMs: settingFrom(env, 'MESSAGE_LOG_ARCHIVE_EVERY_MS'),
  };
}

export const retentionCutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * 86_400_000);

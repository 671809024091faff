import type { GatewayModule } from '../gateway/module.js';
import { logger } from '../shared/logger.js';
import { scheduleBackups, type BackupJobDeps } from './backup-job.js';
import { readBackupConfig } from './config.js';

/**
 * Daily backups with retention, inside the gateway, when BACKUP_DIR is set. Each instance
 * running this module takes its own backup on schedule (until the job moves to a BullMQ job
 * scheduler); the embedded store can only be backed up here, by the process that holds it.
 */
export const backupModule: GatewayModule = {
  name: 'backup',
  async init(ctx) {
    const config = readBackupConfig(ctx.config.env);
    if (!config.dir) {
      logger.warn('no backup schedule: set BACKUP_DIR for daily backups (BACKUP_CRON, BACKUP_RETENTION_DAYS)');
      return {};
    }
    const deps: BackupJobDeps = {
      db: ctx.db,
      dir: config.dir,
      retentionDays: config.retentionDays,
      now: ctx.now,
      store: {
        ...(ctx.config.databaseUrl ? { databaseUrl: ctx.config.databaseUrl } : {}),
        dataDir: ctx.config.dataDir,
        env: ctx.config.env,
      },
    };
    let stop: (() => void) | undefined;
    return {
      async start() {
        stop = scheduleBackups(deps, config.cron);
        logger.info('backup schedule', { dir: config.dir, cron: config.cron, retentionDays: config.retentionDays });
      },
      async stop() {
        stop?.();
      },
    };
  },
};

import type { GatewayModule, NoServices } from '../gateway/module.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import { logger } from '../shared/logger.js';
import { runBackupJob, type BackupJobDeps } from './backup-job.js';
import { readBackupConfig, storeLocationOf } from './config.js';

/** The scheduler's id of the daily backup: one schedule entry whatever the number of instances. */
export const BACKUP_JOB_ID = 'backup:daily';

/**
 * Daily backups with retention, inside the gateway, when BACKUP_DIR is set, on the gateway's
 * scheduler (`scheduler`): with REDIS_URL a BullMQ job scheduler, so each slot runs
 * on one instance only (BACKUP_DIR must then be a folder every instance writes to, or the
 * backups land where the run happened); embedded, the in-process scheduler of the one process
 * that holds the PGlite folder. The backup is named after the slot, not the clock of the
 * instance that ran it.
 */
export const backupModule: GatewayModule<{ scheduler: JobScheduler }, NoServices> = {
  name: 'backup',
  requires: { scheduler: true },
  provides: {},
  async init(ctx) {
    const config = readBackupConfig(ctx.config.settings);
    if (!config.dir) {
      logger.warn('no backup schedule: set BACKUP_DIR for daily backups (BACKUP_CRON, BACKUP_RETENTION_DAYS)');
      return {};
    }
    const deps: BackupJobDeps = {
      db: ctx.db,
      dir: config.dir,
      retentionDays: config.retentionDays,
      now: ctx.now,
      store: storeLocationOf(ctx.config),
    };
    const { scheduler } = ctx.services;
    await scheduler.register({
      id: BACKUP_JOB_ID,
      pattern: config.cron,
      // A failure is audited and logged by the job; rethrown, the scheduler records the failed run.
      run: async (run) => void (await runBackupJob({ ...deps, now: () => run.scheduledAt })),
    });
    logger.info('backup schedule', { dir: config.dir, cron: config.cron, retentionDays: config.retentionDays, driver: scheduler.driver });
    return {};
  },
};

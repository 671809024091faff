import type { GatewayContext } from '../../gateway/module.js';
import type { JobScheduler } from '../../scheduling/scheduler.js';
import { logger } from '../../shared/logger.js';
import { archiveMessageLog } from './archive-message-log.js';
import { archiveSettings, retentionCutoff } from './archive-settings.js';

export const ARCHIVE_JOB = 'delivery:archive-message-log';

/**
 * Every MESSAGE_LOG_ARCHIVE_EVERY_MS, once across instances (the scheduler), records older than
 * the retention move to MESSAGE_LOG_ARCHIVE_DIR: the live tables stay bounded over years.
 * Several instances need the folder shared (any of them may take the slot).
 */
export async function registerArchiveJob(ctx: GatewayContext, scheduler: JobScheduler, runsWorker: boolean): Promise<void> {
  const settings = archiveSettings(ctx.config);
  const dir = settings.dir;
  if (!dir) {
    logger.warn('message-log archiving is off: MESSAGE_LOG_ARCHIVE_DIR is not set, the live tables grow without bound');
    return;
  }
  if (!runsWorker) return;
  await scheduler.register({
    id: ARCHIVE_JOB,
    everyMs: settings.everyMs,
    run: async () => {
      try {
        const r = await archiveMessageLog(ctx.db, { dir, before: retentionCutoff(ctx.now(), settings.retentionDays), now: ctx.now });
        if (r.files.length > 0)
          logger.info('message log archived', {
            files: r.files.map((f) => f.fileName),
            messages: r.messages,
            attempts: r.attempts,
            timestamps: r.timestamps,
          });
      } catch (err) {
        logger.error('message-log archiving failed', { error: (err as Error).message, code: (err as { code?: string }).code });
      }
    },
  });
}

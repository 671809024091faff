import type { GatewayModule, NoServices } from '../../gateway/module.js';
import { openScheduler } from '../../scheduling/open-scheduler.js';
import type { JobScheduler } from '../../scheduling/scheduler.js';
import { redisLinkFrom } from '../../shared/redis-link.js';

/**
 * The job scheduler, built once in the composition root from the typed settings (REDIS_URL:
 * BullMQ job schedulers shared by every instance, else in-process; QUEUE_PREFIX; the Redis link
 * bounds) and handed to the areas as `scheduler`. First in the module order so every area can
 * register its periodic jobs in init(). Runs start with the gateway (CLI commands that only
 * create the gateway run none).
 */
export const schedulerModule: GatewayModule<NoServices, { scheduler: JobScheduler }> = {
  name: 'scheduler',
  requires: {},
  provides: { scheduler: true },
  async init(ctx) {
    const { settings, redisUrl } = ctx.config;
    const scheduler = openScheduler({ redisUrl, prefix: settings.QUEUE_PREFIX, now: ctx.now, link: redisLinkFrom(settings) });
    return {
      services: { scheduler },
      async start() {
        await scheduler.start();
      },
      async stop() {
        await scheduler.stop();
      },
    };
  },
};

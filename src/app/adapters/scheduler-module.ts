import type { GatewayModule, NoServices } from '../gateway/module.js';
import type { JobScheduler } from './scheduler.js';
import { openScheduler } from './open-scheduler.js';
import { redisLinkSettings } from '../shared/redis-link.js';

/**
 * The scheduling service on `ctx.services.scheduler`: first in the module order so every area
 * can register its periodic jobs in init(). Runs start with the gateway (CLI commands that
 * only create the gateway run none).
 */
export const schedulerModule: GatewayModule<NoServices, { scheduler: JobScheduler }> = {
  name: 'scheduler',
  requires: {},
  provides: { scheduler: true },
  async init(ctx) {
    const scheduler = openScheduler({
      redisUrl: ctx.config.redisUrl,
      prefix: ctx.config.env.QUEUE_PREFIX || 'lienthong',
      now: ctx.now,
      link: redisLinkSettings(ctx.config.env),
    });
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

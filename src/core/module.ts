import type { GatewayContext } from '../gateway/context.js';
import type { GatewayModule } from '../gateway/module.js';
import { openApiRouter } from '../http/openapi.js';
import { logger } from '../shared/logger.js';
import { schedulerOf } from '../scheduling/scheduler-of.js';
import { assignUpcomingPeriods, autoAssignJob } from './assignments/auto-assign.js';
import { vietnamCalendar } from './calendar/index.js';
import { loadCoreConfig } from './core-config.js';
import { createCoreServices, type CoreServices } from './core-services.js';
import { coreRouter } from './routes.js';
import { seedDemo } from './seed/seed-demo.js';

/** The demo gets its province and catalog, and work for the current and the next period at once. */
async function seed(ctx: GatewayContext, core: CoreServices): Promise<void> {
  const seeded = await seedDemo(core);
  const assignments = await assignUpcomingPeriods(core, ctx.now());
  logger.info('demo data seeded', { ...seeded, assignments });
}

/**
 * The reporting core: catalog services on `ctx.services.core`, demo seed, automatic
 * assignment per period, the catalog REST API and the OpenAPI document.
 */
export const coreModule: GatewayModule = {
  name: 'core',
  async init(ctx) {
    const settings = loadCoreConfig(ctx.config);
    const core = createCoreServices(ctx.db, ctx.now, vietnamCalendar(settings.holidayOverrides), settings.cutoffRules);
    ctx.services.core = core;
    if (ctx.config.seedDemo) await seed(ctx, core);
    const { scheduler, lifecycle } = schedulerOf(ctx);
    return {
      routers: [
        { path: '/api/v1', router: openApiRouter() },
        { path: '/api/v1', router: coreRouter(core, ctx.db) },
      ],
      async start() {
        if (!settings.autoAssignCron) return;
        const created = await assignUpcomingPeriods(core, ctx.now());
        if (created > 0) logger.info('automatic assignment', { created });
        await scheduler.register(autoAssignJob(core, ctx.now, settings.autoAssignCron));
        await lifecycle.start?.();
      },
      async stop() {
        await lifecycle.stop?.();
      },
    };
  },
};

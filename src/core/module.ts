import type { GatewayModule } from '../gateway/module.js';
import { openApiRouter } from '../http/openapi.js';
import { logger } from '../shared/logger.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import { assignUpcomingPeriods, autoAssignJob } from './assignments/auto-assign.js';
import { vietnamCalendar } from './calendar/index.js';
import { loadCoreConfig } from './core-config.js';
import { createCoreServices, type CoreServices } from './core-services.js';
import { coreRouter } from './routes.js';
import { seedDemo } from './seed/seed-demo.js';

/** The demo gets its province and catalog, and work for the current and the next period at once. */
async function seed(now: () => Date, core: CoreServices): Promise<void> {
  const seeded = await seedDemo(core);
  const assignments = await assignUpcomingPeriods(core, now());
  logger.info('demo data seeded', { ...seeded, assignments });
}

/**
 * The reporting core: catalog services on `ctx.services.core`, demo seed, automatic
 * assignment per period, the catalog REST API and the OpenAPI document.
 */
export const coreModule: GatewayModule<{ scheduler: JobScheduler }, { core: CoreServices }> = {
  name: 'core',
  requires: { scheduler: true },
  provides: { core: true },
  async init(ctx) {
    const settings = loadCoreConfig(ctx.config);
    const core = createCoreServices(ctx.db, ctx.now, vietnamCalendar(settings.holidayOverrides), settings.cutoffRules);
    if (ctx.config.seedDemo) await seed(ctx.now, core);
    const { scheduler } = ctx.services;
    return {
      services: { core },
      routers: [
        { path: '/api/v1', router: openApiRouter() },
        { path: '/api/v1', router: coreRouter(core, ctx.db) },
      ],
      async start() {
        if (!settings.autoAssignCron) return;
        const created = await assignUpcomingPeriods(core, ctx.now());
        if (created > 0) logger.info('automatic assignment', { created });
        await scheduler.register(autoAssignJob(core, ctx.now, settings.autoAssignCron));
      },
    };
  },
};

import type { GatewayContext } from '../gateway/context.js';
import type { GatewayModule } from '../gateway/module.js';
import { openApiRouter } from '../http/openapi.js';
import { logger } from '../shared/logger.js';
import type { PeriodKind } from './approved-report.js';
import { localDateOf, vietnamCalendar } from './calendar/index.js';
import { loadCoreConfig } from './core-config.js';
import { createCoreServices, type CoreServices } from './core-services.js';
import { currentAndNextPeriods } from './periods/upcoming.js';
import { coreRouter } from './routes.js';
import { seedDemo } from './seed/seed-demo.js';

/**
 * Gives every demo regime its assignments for the current and the next period, so a fresh
 * demo has reports to enter. Generation is idempotent: restarts add nothing.
 */
export async function assignDemoPeriods(core: CoreServices, now: Date): Promise<number> {
  let created = 0;
  const today = localDateOf(now);
  for (const regime of await core.regimes.list()) {
    if (!regime.sample || regime.type !== 'periodic' || regime.formCodes.length === 0) continue;
    for (const kind of regime.periodKinds) {
      if (kind === 'ad_hoc') continue;
      for (const period of currentAndNextPeriods(kind as Exclude<PeriodKind, 'ad_hoc'>, today, core.cutoffRules)) {
        created += (await core.assignments.generate(regime.code, period.key)).length;
      }
    }
  }
  return created;
}

async function seed(ctx: GatewayContext, core: CoreServices): Promise<void> {
  const seeded = await seedDemo(core);
  const assignments = await assignDemoPeriods(core, ctx.now());
  logger.info('demo data seeded', { ...seeded, assignments });
}

/** The reporting core: catalog services on `ctx.services.core`, demo seed, catalog REST API, the OpenAPI document. */
export const coreModule: GatewayModule = {
  name: 'core',
  async init(ctx) {
    const settings = loadCoreConfig(ctx.config);
    const core = createCoreServices(ctx.db, ctx.now, vietnamCalendar(settings.holidayOverrides), settings.cutoffRules);
    ctx.services.core = core;
    if (ctx.config.seedDemo) await seed(ctx, core);
    return {
      routers: [
        { path: '/api/v1', router: openApiRouter() },
        { path: '/api/v1', router: coreRouter(core, ctx.db) },
      ],
    };
  },
};

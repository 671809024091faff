import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import { consoleApiRouter } from './api-routes.js';
import { ConsoleService } from './console-service.js';
import { consolePagesRouter } from './pages.js';

/**
 * The ops console (Bảng điều khiển vận hành): the page at /console and its JSON API at
 * /api/v1/console. Reads the delivery engine, the workflow and the catalog published by the
 * modules above it; publishes nothing.
 */
export const consoleModule: GatewayModule<
  { delivery: DeliveryServices; submissions: SubmissionsServices; core: CoreServices },
  NoServices
> = {
  name: 'console',
  requires: { delivery: true, submissions: true, core: true },
  provides: {},
  async init(ctx) {
    const service = new ConsoleService({
      db: ctx.db,
      now: ctx.now,
      delivery: ctx.services.delivery,
      submissions: ctx.services.submissions,
      core: ctx.services.core,
    });
    return {
      routers: [
        { path: '/api/v1/console', router: consoleApiRouter(service) },
        { path: '/console', router: consolePagesRouter() },
      ],
    };
  },
};

import type { GatewayModule } from '../gateway/module.js';
import { deliveryServicesOf } from '../observability/delivery-port.js';
import { consoleApiRouter } from './api-routes.js';
import { ConsoleService } from './console-service.js';
import { consolePagesRouter } from './pages.js';
import { coreServicesOf, submissionsServicesOf } from './service-ports.js';

/**
 * The ops console (Bảng điều khiển vận hành): the page at /console and its JSON API at
 * /api/v1/console. Reads the delivery engine, the workflow and the catalog published by the
 * modules above it; publishes nothing.
 */
export const consoleModule: GatewayModule = {
  name: 'console',
  async init(ctx) {
    const service = new ConsoleService({
      db: ctx.db, now: ctx.now,
      delivery: deliveryServicesOf(ctx.services),
      submissions: submissionsServicesOf(ctx.services),
      core: coreServicesOf(ctx.services),
    });
    return {
      routers: [
        { path: '/api/v1/console', router: consoleApiRouter(service) },
        { path: '/console', router: consolePagesRouter() },
      ],
    };
  },
};

import type { GatewayModule } from '../gateway/module.js';
import { accessFilePath, CliAccess } from './cli-access.js';
import { cliAccessMiddleware } from './cli-access-middleware.js';
import type { OpsServices } from './services.js';

export type { OpsServices } from './services.js';

/**
 * Operations: the CLI beside the running gateway (local ops token). Placed after the console so
 * it can use every service above it.
 */
export const opsModule: GatewayModule = {
  name: 'ops',
  async init(ctx) {
    const cliAccess = new CliAccess(accessFilePath(ctx.config), ctx.now);
    const services: OpsServices = { cliAccess };
    ctx.services.ops = services;
    return {
      middleware: [{ path: '/api/v1', router: cliAccessMiddleware(cliAccess, ctx.services.core) }],
      async stop() {
        cliAccess.withdraw();
      },
    };
  },
};

import type { GatewayModule } from '../gateway/module.js';
import { schedulerOf } from '../scheduling/scheduler-of.js';
import { logger } from '../shared/logger.js';
import { sealAllAudit } from '../store/audit-chain.js';
import { accessFilePath, CliAccess } from './cli-access.js';
import { cliAccessMiddleware } from './cli-access-middleware.js';
import { OpsService } from './ops-service.js';
import { opsRouter } from './routes.js';
import { sampleQueues } from './samples.js';
import type { OpsServices } from './services.js';

export type { OpsServices } from './services.js';

function everyMs(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const n = Number(env[name] ?? fallback);
  return Number.isInteger(n) && n >= 100 ? n : fallback;
}

/**
 * Operations: the CLI beside the running gateway (local ops token), the audit viewer and its
 * hash chain (sealed on the scheduler every AUDIT_SEAL_MS), usage statistics, operational
 * monitoring data and the console's charts (queue depth sampled every OPS_SAMPLE_MS). Placed
 * after the console so it can use every service above it.
 */
export const opsModule: GatewayModule = {
  name: 'ops',
  async init(ctx) {
    const cliAccess = new CliAccess(accessFilePath(ctx.config), ctx.now);
    const service = new OpsService({
      db: ctx.db,
      now: ctx.now,
      core: ctx.services.core,
      identity: ctx.services.identity,
      submissions: ctx.services.submissions,
      delivery: ctx.services.delivery,
    });
    const services: OpsServices = { cliAccess, service };
    ctx.services.ops = services;
    const { scheduler, lifecycle } = schedulerOf(ctx);
    const env = ctx.config.env;
    await scheduler.register({
      id: 'ops:seal-audit',
      everyMs: everyMs(env, 'AUDIT_SEAL_MS', 5000),
      run: async () => {
        await sealAllAudit(ctx.db).catch((err: Error) => logger.warn('audit log not sealed', { error: err.message }));
      },
    });
    const delivery = ctx.services.delivery;
    if (delivery) {
      await scheduler.register({
        id: 'ops:sample-queues',
        everyMs: everyMs(env, 'OPS_SAMPLE_MS', 60_000),
        run: async (run) => {
          await sampleQueues(ctx.db, delivery, run.scheduledAt).catch((err: Error) =>
            logger.warn('queue sample failed', { error: err.message }),
          );
        },
      });
    }
    return {
      middleware: [{ path: '/api/v1', router: cliAccessMiddleware(cliAccess, ctx.services.core) }],
      routers: [{ path: '/api/v1/ops', router: opsRouter(service) }],
      async start() {
        await lifecycle.start?.();
      },
      async stop() {
        await lifecycle.stop?.();
        cliAccess.withdraw();
      },
    };
  },
};

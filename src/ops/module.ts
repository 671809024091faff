import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { GatewayModule } from '../gateway/module.js';
import type { IdentityServices } from '../identity/services.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import { logger } from '../shared/logger.js';
import { sealAllAudit } from '../store/audit-chain.js';
import { accessFilePath, CliAccess } from './cli-access.js';
import { cliAccessMiddleware } from './cli-access-middleware.js';
import { OpsService } from './ops-service.js';
import { opsRouter } from './routes.js';
import { sampleQueues } from './samples.js';
import type { OpsServices } from './services.js';

export type { OpsServices } from './services.js';

/** A period under 100 ms would keep the scheduler busy: such a setting falls back to the default. */
function everyMs(n: number, fallback: number): number {
  return n >= 100 ? n : fallback;
}

type Requires = {
  core: CoreServices;
  identity: IdentityServices;
  submissions: SubmissionsServices;
  delivery: DeliveryServices;
  scheduler: JobScheduler;
};

/**
 * Operations: the CLI beside the running gateway (local ops token), the audit viewer and its
 * hash chain (sealed on the scheduler every AUDIT_SEAL_MS), usage statistics, operational
 * monitoring data and the console's charts (queue depth sampled every OPS_SAMPLE_MS). Placed
 * after the console so it can use every service above it.
 */
export const opsModule: GatewayModule<Requires, { ops: OpsServices }> = {
  name: 'ops',
  requires: { core: true, identity: true, submissions: true, delivery: true, scheduler: true },
  provides: { ops: true },
  async init(ctx) {
    const { core, identity, submissions, delivery, scheduler } = ctx.services;
    const cliAccess = new CliAccess(accessFilePath(ctx.config), ctx.now);
    const service = new OpsService({ db: ctx.db, now: ctx.now, core, identity, submissions, delivery });
    const services: OpsServices = { cliAccess, service };
    await scheduler.register({
      id: 'ops:seal-audit',
      everyMs: everyMs(ctx.config.settings.AUDIT_SEAL_MS, 5000),
      run: async () => {
        await sealAllAudit(ctx.db).catch((err: Error) => logger.warn('audit log not sealed', { error: err.message }));
      },
    });
    await scheduler.register({
      id: 'ops:sample-queues',
      everyMs: everyMs(ctx.config.settings.OPS_SAMPLE_MS, 60_000),
      run: async (run) => {
        await sampleQueues(ctx.db, delivery, run.scheduledAt).catch((err: Error) =>
          logger.warn('queue sample failed', { error: err.message }),
        );
      },
    });
    return {
      services: { ops: services },
      middleware: [{ path: '/api/v1', router: cliAccessMiddleware(cliAccess, core) }],
      routers: [{ path: '/api/v1/ops', router: opsRouter(service, ctx.now) }],
      async stop() {
        cliAccess.withdraw();
      },
    };
  },
};

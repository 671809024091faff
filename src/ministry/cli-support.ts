import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import type { Gateway } from '../gateway/gateway.js';
import type { Principal } from '../http/principal.js';
import { AppError } from '../shared/errors.js';
import type { MinistryServices } from './services.js';

/**
 * The ministry CLI commands open the gateway's storage with only core and ministry (no
 * simulators, no schedules) and act for the operator at the shell as an administrator of the
 * whole tree, audited as `cli:<os user>`: whoever can run it already holds the database.
 */
export async function withMinistry<T>(fn: (ministry: MinistryServices, operator: Principal, gateway: Gateway) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, START_SIMULATORS: 'false', MINISTRY_CONNECTORS_SCHEDULE: 'false' });
  // Loaded on use: the CLI starts without the whole gateway for the commands that do not need it.
  const [{ createGateway }, { coreModule }, { ministryModule }] = await Promise.all([
    import('../gateway/gateway.js'),
    import('../core/module.js'),
    import('./module.js'),
  ]);
  const gateway = await createGateway({ config, modules: [coreModule, ministryModule] });
  try {
    const ministry = gateway.ctx.services.ministry;
    const core = gateway.ctx.services.core;
    if (!ministry || !core) throw new AppError('MINISTRY_MODULE_MISSING', 'The ministry module is not started', 500);
    const root = (await core.orgUnits.repo.list()).find((u) => u.parentId === null);
    if (!root) throw new AppError('ORG_TREE_EMPTY', 'No root org unit: load the province first', 500);
    const operator: Principal = {
      kind: 'user',
      id: `cli:${userInfo().username}`,
      displayName: 'CLI',
      roles: ['admin'],
      orgUnitId: root.id,
    };
    return await fn(ministry, operator, gateway);
  } finally {
    await gateway.close();
  }
}

import { loadConfig } from '../../config.js';
import { shellOperator } from './shell-operator.js';
import type { Principal } from '../../http/principal.js';
import type { MinistryServices } from '../../ministry/services.js';

/**
 * The ministry CLI commands open the gateway's storage with only core and ministry (no
 * simulators, no schedules) and act for the operator at the shell as an administrator of the
 * whole tree, audited as `cli:<os user>`: whoever can run it already holds the database.
 */
export async function withMinistry<T>(fn: (ministry: MinistryServices, operator: Principal) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, START_SIMULATORS: 'false', MINISTRY_CONNECTORS_SCHEDULE: 'false' });
  // Loaded on use: the CLI starts without the whole gateway for the commands that do not need it.
  const { ministryApp } = await import('../../app/partial-apps.js');
  const gateway = await ministryApp({ config });
  try {
    const { ministry, core } = gateway.ctx.services;
    const operator = await shellOperator(core);
    return await fn(ministry, operator);
  } finally {
    await gateway.close();
  }
}

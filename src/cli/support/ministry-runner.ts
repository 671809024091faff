import { loadConfig } from '../../config.js';
import { shellOperator } from './shell-operator.js';
import type { GatewayModule, NoServices } from '../../gateway/module.js';
import type { Principal } from '../../http/principal.js';
import type { IndicatorAccess } from '../../identity/services.js';
import type { MinistryServices } from '../../ministry/services.js';

/** The operator at the shell is an administrator: no ministry client's indicator limit applies. */
const operatorAccess: GatewayModule<NoServices, { indicatorAccess: IndicatorAccess }> = {
  name: 'operator-access',
  requires: {},
  provides: { indicatorAccess: true },
  async init() {
    return { services: { indicatorAccess: { allowsIndicator: async () => true, indicatorFilter: async () => () => true } } };
  },
};

/**
 * The ministry CLI commands open the gateway's storage with only core and ministry (no
 * simulators, no schedules) and act for the operator at the shell as an administrator of the
 * whole tree, audited as `cli:<os user>`: whoever can run it already holds the database.
 */
export async function withMinistry<T>(fn: (ministry: MinistryServices, operator: Principal) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, START_SIMULATORS: 'false', MINISTRY_CONNECTORS_SCHEDULE: 'false' });
  // Loaded on use: the CLI starts without the whole gateway for the commands that do not need it.
  const [
    { createChainGateway },
    { ModuleChain },
    { connectorsModule },
    { coreModule },
    { scanningModule },
    { mappingsModule },
    { ministryModule },
  ] = await Promise.all([
    import('../../app/gateway.js'),
    import('../../app/module-chain.js'),
    import('../../app/adapters/connectors-module.js'),
    import('../../core/module.js'),
    import('../../scanning/module.js'),
    import('../../exchange/mapping/module.js'),
    import('../../ministry/module.js'),
  ]);
  const chain = ModuleChain.empty()
    .add(scanningModule)
    .add(coreModule)
    .add(mappingsModule)
    .add(operatorAccess)
    .add(connectorsModule)
    .add(ministryModule);
  const gateway = await createChainGateway(chain, { config });
  try {
    const { ministry, core } = gateway.ctx.services;
    const operator = await shellOperator(core);
    return await fn(ministry, operator);
  } finally {
    await gateway.close();
  }
}

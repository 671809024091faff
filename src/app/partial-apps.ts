import type { Config } from '../config.js';
import { coreModule } from '../core/module.js';
import { mappingsModule } from '../exchange/mapping/module.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import { identityModule } from '../identity/module.js';
import type { IndicatorAccess } from '../identity/services.js';
import { ministryModule } from '../ministry/module.js';
import { submissionsModule } from '../core/submissions/module.js';
import { outboxSenderModule } from '../delivery/outbox-sender-module.js';
import { scanningModule } from './adapters/scanning-module.js';
import type { Database } from '../store/database.js';
import { connectorsModule } from './adapters/connectors-module.js';
import { createChainGateway } from './gateway.js';
import { ModuleChain } from './module-chain.js';

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
 * The parts of the gateway the CLI opens on the store without a running gateway, assembled here
 * like the whole one (the CLI composes no modules itself): core and identity for the account
 * commands; core, submissions, mappings, connectors and ministry for imports, exports, reconciliation and
 * connector runs (a push run queues its packet through `outbound.send` without the engine, the
 * same checks as in the gateway; the gateway's engine sends it).
 */
export const identityChain = ModuleChain.empty().add(coreModule).add(identityModule);
export const ministryChain = ModuleChain.empty()
  .add(scanningModule)
  .add(coreModule)
  .add(submissionsModule)
  .add(mappingsModule)
  .add(operatorAccess)
  .add(connectorsModule)
  .add(outboxSenderModule)
  .add(ministryModule);

export const identityApp = (options: { config: Config; db?: Database }) => createChainGateway(identityChain, options);
export const ministryApp = (options: { config: Config; db?: Database }) => createChainGateway(ministryChain, options);

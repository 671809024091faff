import type { AnyModule } from '../gateway/module.js';
import { ModuleChain } from './module-chain.js';
import { channelsModule } from './adapters/channels-module.js';
import { connectorsModule } from './adapters/connectors-module.js';
import { notifiersModule } from './adapters/notifiers-module.js';
import { schedulerModule } from './adapters/scheduler-module.js';
import { queuesModule } from './adapters/queues-module.js';
import { simulatorsModule } from './simulators-module.js';
import { scanningModule } from './adapters/scanning-module.js';
import { coreModule } from '../core/module.js';
import { identityModule } from '../identity/module.js';
import { submissionsModule } from '../core/submissions/module.js';
import { accountNamesModule } from './account-names-module.js';
import { exchangeModule } from '../exchange/module.js';
import { deliveryModule } from '../delivery/module.js';
import { catalogSyncModule } from '../exchange/catalog/module.js';
import { nationalCallbackModule } from '../exchange/inbound/module.js';
import { mappingsModule } from '../exchange/mapping/module.js';
import { ministryModule } from '../ministry/module.js';
import { observabilityModule } from '../observability/module.js';
import { consoleModule } from '../console/module.js';
import { webappModule } from '../webapp/module.js';
import { opsModule } from '../ops/module.js';
import { notificationsModule } from '../notifications/module.js';
import { demoModule } from '../demo/module.js';
import { backupModule } from '../backup/module.js';

/**
 * The modules of the gateway in start order: each uses only services of those above it.
 * Add one import and one `.add` per area at its place.
 */
export const appModules = ModuleChain.empty()
  .add(schedulerModule)
  .add(queuesModule)
  .add(simulatorsModule)
  .add(scanningModule)
  .add(coreModule)
  .add(identityModule)
  .add(submissionsModule)
  .add(accountNamesModule)
  .add(mappingsModule)
  .add(connectorsModule)
  .add(exchangeModule)
  .add(channelsModule)
  .add(deliveryModule)
  .add(nationalCallbackModule)
  .add(catalogSyncModule)
  .add(ministryModule)
  .add(observabilityModule)
  .add(consoleModule)
  .add(webappModule)
  .add(opsModule)
  .add(notifiersModule)
  .add(notificationsModule)
  .add(backupModule)
  .add(demoModule);

/** The list `createGateway` iterates over. */
export const modules: readonly AnyModule[] = appModules.modules;

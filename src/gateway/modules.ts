import type { GatewayModule } from './module.js';
import { schedulerModule } from '../scheduling/module.js';
import { simulatorsModule } from '../sim/module.js';
import { scanningModule } from '../scanning/module.js';
import { coreModule } from '../core/module.js';
import { identityModule } from '../identity/module.js';
import { submissionsModule } from '../core/submissions/module.js';
import { exchangeModule } from '../exchange/module.js';
import { deliveryModule } from '../delivery/module.js';
import { catalogSyncModule } from '../exchange/catalog/module.js';
import { ministryModule } from '../ministry/module.js';
import { observabilityModule } from '../observability/module.js';
import { consoleModule } from '../console/module.js';
import { webappModule } from '../webapp/module.js';
import { opsModule } from '../ops/module.js';
import { notificationsModule } from '../notifications/module.js';
import { demoModule } from '../demo/module.js';
import { backupModule } from '../backup/module.js';

/**
 * The modules of the gateway, in start order: a module may use the services of those above it.
 * Add one import and one entry per area, at its place in this order:
 * scheduler, simulators, scanning, core, identity, submissions, exchange, delivery, ministry, observability, console, webapp, ops, notifications, backup, demo.
 */
export const modules: GatewayModule[] = [
  schedulerModule,
  simulatorsModule,
  scanningModule,
  coreModule,
  identityModule,
  submissionsModule,
  exchangeModule,
  deliveryModule,
  catalogSyncModule,
  ministryModule,
  observabilityModule,
  consoleModule,
  webappModule,
  opsModule,
  notificationsModule,
  backupModule,
  demoModule,
];

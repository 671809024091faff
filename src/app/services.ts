import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import type { ExchangeServices } from '../exchange/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { OutboundServices } from '../delivery/outbound.js';
import type { IdentityServices, IndicatorAccess } from '../identity/services.js';
import type { MinistryServices } from '../ministry/services.js';
import type { ScanningServices } from '../scanning/services.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import type { OpsServices } from '../ops/services.js';
import type { NotificationsServices } from '../notifications/services.js';
import type { NationalPushServices } from '../exchange/kpi/services.js';
import type { MappingRegistry } from '../exchange/mapping/loader.js';
import type { ChannelSet } from '../delivery/channel-set.js';
import type { ConnectorAdapters } from '../ministry/connectors/endpoint.js';
import type { NotifierTransports } from '../notifications/transports.js';
import type { DeliveryQueues } from '../delivery/queue/queues.js';

/**
 * Every service of the assembled gateway, one line per area, each present: the typed module
 * chain of `modules.ts` proves at compile time that each module's `requires` is provided above
 * it. Only the composition root sees this whole map; an area names just what it requires.
 */
export interface AppServices {
  scheduler: JobScheduler;
  queues: DeliveryQueues;
  simulators: SimulatorsServices;
  scanning: ScanningServices;
  core: CoreServices;
  identity: IdentityServices;
  indicatorAccess: IndicatorAccess;
  submissions: SubmissionsServices;
  mappings: MappingRegistry;
  connectors: ConnectorAdapters;
  exchange: ExchangeServices;
  channels: ChannelSet;
  delivery: DeliveryServices;
  outbound: OutboundServices;
  nationalPush: NationalPushServices;
  ministry: MinistryServices;
  ops: OpsServices;
  notifiers: NotifierTransports;
  notifications: NotificationsServices;
}

import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import type { ExchangeServices } from '../exchange/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { OutboundServices } from '../delivery/outbound.js';
import type { IdentityServices } from '../identity/services.js';
import type { MinistryServices } from '../ministry/services.js';
import type { ScanningServices } from '../scanning/services.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import type { OpsServices } from '../ops/services.js';
import type { NotificationsServices } from '../notifications/services.js';
import type { NationalPushServices } from '../exchange/kpi/services.js';

/**
 * The services modules expose to each other. Each area adds one optional field with its own
 * type (imported from its folder) when its module starts; later modules read it.
 * Keep one line per area.
 */
export interface Services {
  scheduler?: JobScheduler;
  simulators?: SimulatorsServices;
  scanning?: ScanningServices;
  core?: CoreServices;
  identity?: IdentityServices;
  submissions?: SubmissionsServices;
  exchange?: ExchangeServices;
  delivery?: DeliveryServices;
  outbound?: OutboundServices;
  nationalPush?: NationalPushServices;
  ministry?: MinistryServices;
  ops?: OpsServices;
  notifications?: NotificationsServices;
  [area: string]: unknown;
}

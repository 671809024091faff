import type { CliAccess } from './cli-access.js';
import type { OpsService } from './ops-service.js';

/** What the ops area publishes: the CLI's access to this running gateway, and its read service. */
export interface OpsServices {
  cliAccess: CliAccess;
  service: OpsService;
}

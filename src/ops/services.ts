import type { CliAccess } from './cli-access.js';

/** What the ops area publishes: the CLI's access to this running gateway. */
export interface OpsServices {
  cliAccess: CliAccess;
}

import {
  cliSettings,
  coreSettings,
  demoSettings,
  ministrySettings,
  notificationSettings,
  operationsSettings,
  scanningSettings,
} from './areas.js';
import { channelSettings } from './channels.js';
import { deliverySettings } from './delivery.js';
import { exchangeSettings } from './exchange.js';
import { identitySettings } from './identity.js';
import { serverSettings } from './server.js';
import type { Setting } from './setting.js';

/**
 * Every environment variable the gateway reads, one typed entry each: `loadConfig` validates
 * them all at start (CONFIG_INVALID naming the variable) and `lienthong config` prints them.
 * A connector file may name further variables for its own URL and secret (`endpointEnv`,
 * `tokenEnv`, `keyEnv`); simulators read their own SIM_* settings.
 */
export const SETTINGS = {
  ...serverSettings,
  ...identitySettings,
  ...exchangeSettings,
  ...channelSettings,
  ...deliverySettings,
  ...coreSettings,
  ...ministrySettings,
  ...scanningSettings,
  ...notificationSettings,
  ...operationsSettings,
  ...demoSettings,
  ...cliSettings,
};

export type SettingName = keyof typeof SETTINGS;

/** The typed value of every setting (undefined where unset and without a fixed default). */
export type Settings = { readonly [K in SettingName]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never };

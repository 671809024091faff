import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import type { Services } from './services.js';

/** What every module receives at start: configuration, storage, the clock, and earlier modules' services. */
export interface GatewayContext {
  config: Config;
  db: Database;
  /** The one clock; tests pass a fixed one. */
  now: () => Date;
  /** Filled by modules as they start, in the order of `modules.ts`. */
  services: Services;
}

export interface HealthCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

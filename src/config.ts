import { resolve } from 'node:path';
import { readSettings } from './settings/read-settings.js';
import type { Settings } from './settings/schema.js';

/**
 * Configuration is read from the environment once, validated against the one settings schema
 * (`src/settings/`: every variable, its type, default and meaning) and passed down. Nothing
 * else reads process.env. Unset values fall back to the embedded demo defaults so `npm start`
 * works on a bare machine.
 */
export interface Config {
  port: number;
  host: string;
  /** Public base URL of the gateway (OIDC redirect URIs, links). */
  publicUrl: string;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  /** Start the simulators of external systems in-process (demo / bare-machine default). */
  startSimulators: boolean;
  /** Load the demo province, catalog and users on an empty database (bare-machine demo, or DEMO=true). */
  seedDemo: boolean;
  /**
   * A production start (DATABASE_URL set or NODE_ENV=production, and the demo not asked for):
   * required settings are enforced (src/gateway/production-settings.ts) and nothing falls back to demo values.
   */
  production: boolean;
  nodeEnv: string;
  /** Every setting of the schema, typed and validated (`lienthong config` prints them). */
  settings: Settings;
  /** The raw environment: variables a connector file names (its URL, its secret) are read here. */
  env: Readonly<Record<string, string | undefined>>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Every variable is checked here, before any module starts: CONFIG_INVALID names the first bad one.
  const settings = readSettings(env);
  const port = settings.PORT;
  const host = settings.HOST;
  const embedded = !env.DATABASE_URL && !env.REDIS_URL;
  const nodeEnv = settings.NODE_ENV;
  // The demo is only ever the bare-machine default; with a real database it must be asked for
  // (DEMO=true or SEED_DEMO=true), so production never gets the demo province or demo accounts.
  const productionLike = Boolean(env.DATABASE_URL) || nodeEnv === 'production';
  const demoAsked = settings.DEMO;
  const seedDemo = settings.SEED_DEMO ?? demoAsked ?? !productionLike;
  return {
    port,
    host,
    publicUrl: settings.PUBLIC_URL ?? `${settings.TLS_CERT ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: resolve(settings.DATA_DIR),
    startSimulators: settings.START_SIMULATORS ?? demoAsked ?? (embedded && !productionLike),
    seedDemo,
    production: productionLike && demoAsked !== true && !seedDemo,
    nodeEnv,
    settings,
    env: { ...env },
  };
}

import { resolve } from 'node:path';
import { ValidationError } from './shared/errors.js';

/**
 * Configuration is read from the environment once, validated, and passed down. Nothing else
 * reads process.env. Each area owns one section; unset values fall back to the embedded
 * demo defaults so `npm start` works on a bare machine.
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
  /** Free-form per-area settings (channel URLs, keys, policies); each area validates its own. */
  env: Readonly<Record<string, string | undefined>>;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new ValidationError('CONFIG_INVALID', `${name} must be a non-negative integer, got "${raw}"`, { name });
  }
  return n;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ValidationError('CONFIG_INVALID', `${name} must be true or false, got "${raw}"`, { name });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env, 'PORT', 8080);
  const host = env.HOST ?? '127.0.0.1';
  const embedded = !env.DATABASE_URL && !env.REDIS_URL;
  const nodeEnv = env.NODE_ENV ?? 'development';
  // The demo is only ever the bare-machine default; with a real database it must be asked for
  // (DEMO=true or SEED_DEMO=true), so production never gets the demo province or demo accounts.
  const productionLike = Boolean(env.DATABASE_URL) || nodeEnv === 'production';
  const demoAsked = env.DEMO !== undefined && env.DEMO !== '' ? boolFrom(env, 'DEMO', false) : undefined;
  const seedDemo = boolFrom(env, 'SEED_DEMO', demoAsked ?? !productionLike);
  return {
    port,
    host,
    publicUrl: env.PUBLIC_URL ?? `${env.TLS_CERT ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data/pglite'),
    startSimulators: boolFrom(env, 'START_SIMULATORS', demoAsked ?? (embedded && !productionLike)),
    seedDemo,
    production: productionLike && demoAsked !== true && !seedDemo,
    nodeEnv,
    env: { ...env },
  };
}

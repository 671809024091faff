import type { Config } from '../config.js';
import { ValidationError } from '../shared/errors.js';
import { settingFrom } from '../settings/read-settings.js';

export interface DemoSettings {
  enabled: boolean;
  /** Reports sent at start, for the current period. */
  initialReports: number;
  /** Late reports sent at start for the previous period (so timeliness shows "trễ hạn"). */
  lateReports: number;
  /** One more report every this many ms; 0 = no trickle. */
  intervalMs: number;
  /** When the scripted outage of the national system begins (ms after start); 0 = none. */
  incidentAfterMs: number;
  /** How long the national simulator stays down. */
  incidentMs: number;
  /** The packet types the traffic does not produce (showcase.ts); DEMO_SHOWCASE=false leaves them out. */
  showcase: boolean;
}

function flag(config: Config, name: string, fallback: boolean): boolean {
  const raw = config.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^(true|false)$/i.test(raw)) throw new ValidationError('CONFIG_INVALID', `${name} must be true or false, got "${raw}"`, { name });
  return /^true$/i.test(raw);
}

/**
 * Demo traffic runs only on a bare machine: demo data and in-process simulators on, not under
 * test, and never against a real DATABASE_URL unless SEED_DEMO was asked for explicitly.
 * DEMO_TRAFFIC=false turns it off, DEMO_TRAFFIC=true forces it (e.g. for a screenshot).
 */
export function demoSettings(config: Config): DemoSettings {
  const forced = config.env.DEMO_TRAFFIC;
  if (forced !== undefined && forced !== '' && !/^(true|false)$/i.test(forced)) {
    throw new ValidationError('CONFIG_INVALID', `DEMO_TRAFFIC must be true or false, got "${forced}"`, { name: 'DEMO_TRAFFIC' });
  }
  const explicitSeed = /^(1|true|yes|on)$/i.test(config.env.SEED_DEMO || config.env.DEMO || '');
  const bareMachine = config.seedDemo && config.startSimulators && (!config.databaseUrl || explicitSeed) && config.nodeEnv !== 'test';
  const enabled = /^true$/i.test(forced ?? '') ? config.seedDemo : /^false$/i.test(forced ?? '') ? false : bareMachine;
  return {
    enabled,
    initialReports: settingFrom(config.env, 'DEMO_INITIAL_REPORTS'),
    lateReports: settingFrom(config.env, 'DEMO_LATE_REPORTS'),
    intervalMs: settingFrom(config.env, 'DEMO_INTERVAL_MS'),
    incidentAfterMs: settingFrom(config.env, 'DEMO_INCIDENT_AFTER_MS'),
    incidentMs: settingFrom(config.env, 'DEMO_INCIDENT_MS'),
    showcase: flag(config, 'DEMO_SHOWCASE', true),
  };
}

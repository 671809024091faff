import type { Config } from '../config.js';

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

/**
 * Demo traffic runs only on a bare machine: demo data and in-process simulators on, not under
 * test, and never against a real DATABASE_URL unless SEED_DEMO was asked for explicitly.
 * DEMO_TRAFFIC=false turns it off, DEMO_TRAFFIC=true forces it (e.g. for a screenshot).
 * Every value comes typed from `config.settings` (the schema checked them at start).
 */
export function demoSettings(config: Pick<Config, 'seedDemo' | 'startSimulators' | 'databaseUrl' | 'nodeEnv' | 'settings'>): DemoSettings {
  const s = config.settings;
  const explicitSeed = (s.SEED_DEMO ?? s.DEMO) === true;
  const bareMachine = config.seedDemo && config.startSimulators && (!config.databaseUrl || explicitSeed) && config.nodeEnv !== 'test';
  const forced = s.DEMO_TRAFFIC;
  return {
    enabled: forced === undefined ? bareMachine : forced && config.seedDemo,
    initialReports: s.DEMO_INITIAL_REPORTS,
    lateReports: s.DEMO_LATE_REPORTS,
    intervalMs: s.DEMO_INTERVAL_MS,
    incidentAfterMs: s.DEMO_INCIDENT_AFTER_MS,
    incidentMs: s.DEMO_INCIDENT_MS,
    showcase: s.DEMO_SHOWCASE,
  };
}

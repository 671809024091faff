import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { demoSettings } from './demo-settings.js';
import { demoPeriods } from './demo-traffic.js';

const settings = (env: Record<string, string>) => demoSettings(loadConfig(env));

describe('demo settings', () => {
  it('runs on a bare machine: embedded store, simulators and demo data on', () => {
    expect(settings({})).toMatchObject({
      enabled: true,
      initialReports: 4,
      lateReports: 2,
      intervalMs: 20_000,
      incidentAfterMs: 30_000,
      incidentMs: 60_000,
      showcase: true,
    });
  });

  it('never runs under test, without simulators or demo data, or when turned off', () => {
    expect(settings({ NODE_ENV: 'test' }).enabled).toBe(false);
    expect(settings({ START_SIMULATORS: 'false' }).enabled).toBe(false);
    expect(settings({ SEED_DEMO: 'false' }).enabled).toBe(false);
    expect(settings({ DEMO_TRAFFIC: 'false' }).enabled).toBe(false);
  });

  it('never runs against a real database unless SEED_DEMO is asked for explicitly', () => {
    expect(settings({ DATABASE_URL: 'postgres://db/x', START_SIMULATORS: 'true' }).enabled).toBe(false);
    expect(settings({ DATABASE_URL: 'postgres://db/x', START_SIMULATORS: 'true', SEED_DEMO: 'true' }).enabled).toBe(true);
  });

  it('can be forced (still only with demo data) and rejects malformed values with CONFIG_INVALID', () => {
    expect(settings({ NODE_ENV: 'test', DEMO_TRAFFIC: 'true' }).enabled).toBe(true);
    expect(settings({ DEMO_TRAFFIC: 'true', SEED_DEMO: 'false' }).enabled).toBe(false);
    const invalid = (name: string) => expect.objectContaining({ code: 'CONFIG_INVALID', details: { name } });
    expect(() => settings({ DEMO_TRAFFIC: 'maybe' })).toThrow(invalid('DEMO_TRAFFIC'));
    expect(() => settings({ DEMO_INTERVAL_MS: '-5' })).toThrow(invalid('DEMO_INTERVAL_MS'));
    expect(settings({ DEMO_INTERVAL_MS: '0' }).intervalMs).toBe(0);
    expect(settings({ DEMO_SHOWCASE: 'false' }).showcase).toBe(false);
    expect(() => settings({ DEMO_SHOWCASE: 'nein' })).toThrow(invalid('DEMO_SHOWCASE'));
  });

  it('picks the monthly period of today and the one before (cut-off on the 14th)', () => {
    expect(demoPeriods(new Date('2027-01-20T03:00:00Z'))).toEqual({ current: '2027-M02', previous: '2027-M01' });
    expect(demoPeriods(new Date('2027-01-14T03:00:00Z'))).toEqual({ current: '2027-M01', previous: '2026-M12' });
  });
});

import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../core/calendar/index.js';
import { DEFAULT_FALLBACK_POLICY, fallbackPolicyFromEnv, fallbackReason, parseOfficeHours } from './fallback-policy.js';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, retryPolicyFromEnv } from './retry-policy.js';
import { assertMove, canMove, worstState } from './state-machine.js';
import { PACKET_STATES } from './services.js';

describe('packet state machine', () => {
  it('allows the delivery paths and refuses to leave a final state', () => {
    expect(canMove('queued', 'sending')).toBe(true);
    expect(canMove('sending', 'acknowledged')).toBe(true);
    expect(canMove('sending', 'sent_via_fallback')).toBe(true);
    expect(canMove('sent_via_fallback', 'reconciled')).toBe(true);
    expect(canMove('dead', 'queued')).toBe(true);
    for (const to of PACKET_STATES) {
      expect(canMove('acknowledged', to)).toBe(false);
      expect(canMove('reconciled', to)).toBe(false);
    }
    expect(canMove('queued', 'acknowledged')).toBe(false);
    expect(() => assertMove('P1', 'acknowledged', 'sending')).toThrow(
      expect.objectContaining({ code: 'DELIVERY_ILLEGAL_TRANSITION', status: 409 }),
    );
  });

  it('ranks a report by its worst packet', () => {
    expect(worstState(['acknowledged', 'dead', 'queued'])).toBe('dead');
    expect(worstState(['acknowledged', 'sent_via_fallback'])).toBe('sent_via_fallback');
    expect(worstState([])).toBe('acknowledged');
  });
});

describe('retry policy', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, factor: 2, maxDelayMs: 5000, maxAttempts: 4, jitter: 0.5 };

  it('backs off exponentially up to the cap, jittered downwards', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(policy, 2, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(1500);
  });

  it('dead-letters unrecoverable errors at once and exhausted budgets after the last attempt', () => {
    expect(decideRetry(policy, 1, false)).toEqual({ action: 'reject' });
    expect(decideRetry(policy, 3, true, () => 0)).toEqual({ action: 'retry', delayMs: 4000 });
    expect(decideRetry(policy, 4, true)).toEqual({ action: 'dead' });
  });

  it('reads RETRY_* and refuses nonsense with CONFIG_INVALID', () => {
    expect(retryPolicyFromEnv({ RETRY_MAX_ATTEMPTS: '7', RETRY_BASE_MS: '50' })).toMatchObject({
      maxAttempts: 7,
      baseDelayMs: 50,
      factor: 2,
    });
    expect(() => retryPolicyFromEnv({ RETRY_JITTER: '2' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => retryPolicyFromEnv({ RETRY_MAX_ATTEMPTS: 'many' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('fallback policy (Hải Phòng 5.6)', () => {
  const policy = { ...DEFAULT_FALLBACK_POLICY, calendar: new WorkingCalendar() };
  // Monday 2027-03-08, 09:00 in Hà Nội (UTC+7).
  const since = new Date('2027-03-08T02:00:00Z');

  it('falls back only after more than 3 working hours of outage', () => {
    expect(fallbackReason(policy, new Date('2027-03-08T05:00:00Z'), since, null)).toBeNull(); // 12:00: 2.5 h
    expect(fallbackReason(policy, new Date('2027-03-08T06:29:00Z'), since, null)).toBeNull(); // 13:29: lunch does not count
    expect(fallbackReason(policy, new Date('2027-03-08T06:45:00Z'), since, null)).toBe('outage'); // 13:45: 3 h 15'
    expect(fallbackReason(policy, new Date('2027-03-09T06:45:00Z'), null, null)).toBeNull();
  });

  it('does not count nights and weekends', () => {
    const fridayAfternoon = new Date('2027-03-12T09:00:00Z'); // Fri 16:00
    expect(fallbackReason(policy, new Date('2027-03-15T00:45:00Z'), fridayAfternoon, null)).toBeNull(); // Mon 07:45: 1 h 15'
    expect(fallbackReason(policy, new Date('2027-03-15T03:00:00Z'), fridayAfternoon, null)).toBe('outage'); // Mon 10:00: 3.5 h
  });

  it('falls back at once when the deadline is within the margin, while the national channel is failing', () => {
    const now = new Date('2027-03-08T02:30:00Z');
    expect(fallbackReason(policy, now, since, '2027-03-08')).toBe('deadline');
    expect(fallbackReason(policy, now, since, '2027-03-20')).toBeNull();
    expect(fallbackReason(policy, now, null, '2027-03-08')).toBeNull();
    expect(fallbackReason({ ...policy, enabled: false }, new Date('2027-03-09T06:45:00Z'), since, '2027-03-08')).toBeNull();
  });

  it('reads FALLBACK_* and ARCHIVE_TO_EDOC', () => {
    const p = fallbackPolicyFromEnv({ FALLBACK_OUTAGE_WORKING_HOURS: '1', ARCHIVE_TO_EDOC: 'true', FALLBACK_OFFICE_HOURS: '08:00-12:00' });
    expect(p).toMatchObject({ outageWorkingHours: 1, archiveToEdoc: true, deadlineMarginHours: 24 });
    expect(p.calendar.officeHours).toEqual([[480, 720]]);
    expect(parseOfficeHours('07:30-11:30,13:00-17:00')).toEqual([
      [450, 690],
      [780, 1020],
    ]);
    expect(() => parseOfficeHours('12:00-08:00')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => fallbackPolicyFromEnv({ ARCHIVE_TO_EDOC: 'maybe' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('delivery configuration', () => {
  it('has working defaults and names the variable it refuses', async () => {
    const { loadConfig } = await import('../config.js');
    const { deliveryConfigFrom } = await import('./config.js');
    const cfg = deliveryConfigFrom(loadConfig({}));
    expect(cfg).toMatchObject({
      redisUrl: undefined,
      queuePrefix: 'lienthong',
      runWorker: true,
      concurrency: 64,
      reconcileIntervalMs: 60_000,
    });
    expect(cfg.fallback).toMatchObject({ outageWorkingHours: 3, archiveToEdoc: false });
    expect(deliveryConfigFrom(loadConfig({ REDIS_URL: 'redis://r:6379', QUEUE_PREFIX: 'p', DELIVERY_WORKER: 'false' }))).toMatchObject({
      redisUrl: 'redis://r:6379',
      queuePrefix: 'p',
      runWorker: false,
    });
    expect(() => deliveryConfigFrom(loadConfig({ DELIVERY_CONCURRENCY: '0' }))).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { name: 'DELIVERY_CONCURRENCY' } }),
    );
    expect(() => deliveryConfigFrom(loadConfig({ BREAKER_RESET_MS: 'soon' }))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

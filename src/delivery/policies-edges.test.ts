import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../core/calendar/index.js';
import {
  DEFAULT_FALLBACK_POLICY,
  fallbackPolicyFromEnv,
  fallbackReason,
  flagFromEnv,
  parseOfficeHours,
  type FallbackPolicy,
} from './fallback-policy.js';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, numberFromEnv, retryPolicyFromEnv, type RetryPolicy } from './retry-policy.js';
import type { PacketState } from './services.js';
import { assertMove, canMove, DEAD_LETTER_STATES, FINAL_STATES, worstState } from './state-machine.js';

const STATES: PacketState[] = ['queued', 'sending', 'delivered', 'acknowledged', 'rejected', 'dead', 'sent_via_fallback', 'reconciled'];

/** The whole transition table, written out: every pair not listed is refused. */
const ALLOWED: Record<PacketState, PacketState[]> = {
  queued: ['sending', 'dead'],
  sending: ['queued', 'sending', 'delivered', 'acknowledged', 'rejected', 'dead', 'sent_via_fallback'],
  delivered: ['acknowledged', 'rejected'],
  acknowledged: [],
  rejected: ['queued'],
  dead: ['queued'],
  sent_via_fallback: ['reconciled', 'rejected', 'sent_via_fallback'],
  reconciled: [],
};

describe('packet state machine: every edge', () => {
  const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
    if (allowed) expect(() => assertMove('PKT-1', from, to)).not.toThrow();
    else {
      expect(() => assertMove('PKT-1', from, to)).toThrow(
        expect.objectContaining({
          code: 'DELIVERY_ILLEGAL_TRANSITION',
          status: 409,
          message: `Packet PKT-1 cannot move from ${from} to ${to}`,
          details: { packetId: 'PKT-1', from, to },
        }),
      );
    }
  });

  it('names the final and dead-letter states', () => {
    expect([...FINAL_STATES].sort()).toEqual(['acknowledged', 'reconciled']);
    expect([...DEAD_LETTER_STATES].sort()).toEqual(['dead', 'rejected']);
    for (const s of FINAL_STATES) expect(STATES.filter((to) => canMove(s, to))).toEqual([]);
    for (const s of DEAD_LETTER_STATES) expect(STATES.filter((to) => canMove(s, to))).toEqual(['queued']);
  });

  it('ranks every state: dead > rejected > queued > sending > fallback > delivered > reconciled > acknowledged', () => {
    const order: PacketState[] = ['dead', 'rejected', 'queued', 'sending', 'sent_via_fallback', 'delivered', 'reconciled', 'acknowledged'];
    order.forEach((worse, i) => {
      for (const better of order.slice(i + 1)) {
        expect(worstState([better, worse])).toBe(worse);
        expect(worstState([worse, better])).toBe(worse);
      }
    });
    expect(worstState([])).toBe('acknowledged');
    expect(worstState(['reconciled'])).toBe('reconciled');
    // ties keep the first of equal rank: the same state object comes back
    expect(worstState(['acknowledged', 'acknowledged'])).toBe('acknowledged');
  });
});

describe('retry policy: exact delays and budgets', () => {
  const policy: RetryPolicy = { baseDelayMs: 1000, factor: 3, maxDelayMs: 20_000, maxAttempts: 4, jitter: 0.5, circuitOpenDelayMs: 0 };

  it('grows by the factor from the base, caps at the maximum, and jitters downwards only', () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(policy, a, none))).toEqual([1000, 1000, 3000, 9000, 20_000]);
    expect(backoffDelay(policy, 2, () => 1)).toBe(1500);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(2250);
    expect(backoffDelay({ ...policy, jitter: 0 }, 3, () => 1)).toBe(9000);
    const random = backoffDelay(policy, 3);
    expect(random).toBeGreaterThanOrEqual(4500);
    expect(random).toBeLessThanOrEqual(9000);
  });

  it('retries until the last attempt of the budget, then dead-letters; never retries the unrecoverable', () => {
    expect(decideRetry(policy, 3, true, () => 0)).toEqual({ action: 'retry', delayMs: 9000 });
    expect(decideRetry(policy, 4, true)).toEqual({ action: 'dead' });
    expect(decideRetry(policy, 5, true)).toEqual({ action: 'dead' });
    expect(decideRetry(policy, 1, false)).toEqual({ action: 'reject' });
    expect(decideRetry(policy, 4, false)).toEqual({ action: 'reject' });
  });

  it('reads each RETRY_* variable under its own name, with the defaults for unset or empty', () => {
    expect(retryPolicyFromEnv({})).toEqual(DEFAULT_RETRY_POLICY);
    expect(retryPolicyFromEnv({ RETRY_BASE_MS: '' })).toEqual(DEFAULT_RETRY_POLICY);
    expect(
      retryPolicyFromEnv({
        RETRY_BASE_MS: '10',
        RETRY_FACTOR: '1.5',
        RETRY_MAX_DELAY_MS: '99',
        RETRY_MAX_ATTEMPTS: '7.9',
        RETRY_JITTER: '0',
        RETRY_CIRCUIT_OPEN_MS: '5',
      }),
    ).toEqual({ baseDelayMs: 10, factor: 1.5, maxDelayMs: 99, maxAttempts: 7, jitter: 0, circuitOpenDelayMs: 5 });
  });

  it.each([
    ['RETRY_BASE_MS', '-1', 0, Number.MAX_SAFE_INTEGER],
    ['RETRY_FACTOR', '0.5', 1, 10],
    ['RETRY_FACTOR', '11', 1, 10],
    ['RETRY_MAX_DELAY_MS', 'x', 0, Number.MAX_SAFE_INTEGER],
    ['RETRY_MAX_ATTEMPTS', '0', 1, 1000],
    ['RETRY_MAX_ATTEMPTS', '1001', 1, 1000],
    ['RETRY_JITTER', '1.1', 0, 1],
    ['RETRY_CIRCUIT_OPEN_MS', 'Infinity', 0, Number.MAX_SAFE_INTEGER],
  ])('refuses %s=%s with CONFIG_INVALID naming it and its range', (name, raw, min, max) => {
    expect(() => retryPolicyFromEnv({ [name]: raw })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        details: { name },
        message: `${name} must be a number between ${min} and ${max}, got "${raw}"`,
      }),
    );
  });

  it('accepts the bounds themselves', () => {
    expect(numberFromEnv({ X: '1' }, 'X', 5, 1, 10)).toBe(1);
    expect(numberFromEnv({ X: '10' }, 'X', 5, 1, 10)).toBe(10);
    expect(numberFromEnv({}, 'X', 5, 1, 10)).toBe(5);
  });
});

describe('fallback policy: thresholds at their edges', () => {
  const at = (local: string) => new Date(`${local}+07:00`);
  const policy: FallbackPolicy = { ...DEFAULT_FALLBACK_POLICY, calendar: new WorkingCalendar() };
  const since = at('2027-01-14T08:00:00');

  it('keeps retrying while the channel is not failing or the policy is off', () => {
    expect(fallbackReason(policy, at('2027-01-20T08:00:00'), null, '2027-01-14')).toBeNull();
    expect(fallbackReason({ ...policy, enabled: false }, at('2027-01-20T08:00:00'), since, '2027-01-14')).toBeNull();
  });

  it('falls back only strictly after the outage threshold', () => {
    expect(fallbackReason(policy, at('2027-01-14T11:00:00'), since)).toBeNull();
    expect(fallbackReason(policy, at('2027-01-14T11:00:01'), since)).toBe('outage');
    expect(fallbackReason({ ...policy, outageWorkingHours: 0 }, at('2027-01-14T08:00:01'), since)).toBe('outage');
  });

  it('falls back for a deadline closer than the margin: a date means the end of its office day', () => {
    const now = at('2027-01-14T09:00:00');
    // 2027-01-15 ends 17:00 local: 32 h away.
    expect(fallbackReason({ ...policy, deadlineMarginHours: 32 }, now, since, '2027-01-15')).toBeNull();
    expect(fallbackReason({ ...policy, deadlineMarginHours: 32.01 }, now, since, '2027-01-15')).toBe('deadline');
    expect(fallbackReason(policy, now, since, '2027-01-14T10:00:00+07:00')).toBe('deadline');
    expect(fallbackReason(policy, now, since, '2027-02-14T10:00:00+07:00')).toBeNull();
    // an unreadable deadline is ignored, never a reason
    expect(fallbackReason(policy, now, since, 'ngày mai')).toBeNull();
    expect(fallbackReason(policy, now, since, 'hạn 2027-01-14')).toBeNull();
    expect(fallbackReason(policy, now, since, '2027-01-1')).toBeNull();
    // a timestamp is taken as it is, not as the end of its day
    expect(fallbackReason({ ...policy, deadlineMarginHours: 2 }, now, since, '2027-01-14T10:30:00+07:00')).toBe('deadline');
    expect(fallbackReason({ ...policy, deadlineMarginHours: 2 }, now, since, '2027-01-14T17:00:00+07:00')).toBeNull();
    // a date-only deadline with an empty office day still means 17:00 at the latest-ending range
    const early: FallbackPolicy = { ...policy, deadlineMarginHours: 9, calendar: new WorkingCalendar(undefined, [[8 * 60, 12 * 60]]) };
    expect(fallbackReason(early, now, since, '2027-01-14')).toBe('deadline');
    expect(fallbackReason({ ...early, deadlineMarginHours: 7 }, now, since, '2027-01-14')).toBeNull();
    expect(fallbackReason(policy, now, since, null)).toBeNull();
    // with later office hours the day ends later
    const late: FallbackPolicy = { ...policy, deadlineMarginHours: 33, calendar: new WorkingCalendar(undefined, [[8 * 60, 18 * 60]]) };
    expect(fallbackReason(late, now, since, '2027-01-15')).toBeNull();
  });

  it('parses office hours and names what is wrong', () => {
    expect(parseOfficeHours('07:30-11:30, 13:00-17:00')).toEqual([
      [450, 690],
      [780, 1020],
    ]);
    expect(parseOfficeHours('0:00-24:00')).toEqual([[0, 1440]]);
    expect(() => parseOfficeHours('7h-11h')).toThrow('FALLBACK_OFFICE_HOURS: "7h" is not HH:MM');
    expect(() => parseOfficeHours('25:00-26:00')).toThrow('FALLBACK_OFFICE_HOURS: "25:00" is not HH:MM');
    expect(() => parseOfficeHours('07:60-08:00')).toThrow('FALLBACK_OFFICE_HOURS: "07:60" is not HH:MM');
    expect(parseOfficeHours('07:59-08:00')).toEqual([[479, 480]]);
    expect(() => parseOfficeHours('x07:30-08:00')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: 'FALLBACK_OFFICE_HOURS: "x07:30" is not HH:MM' }),
    );
    expect(() => parseOfficeHours('07:30-08:00x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: 'FALLBACK_OFFICE_HOURS: "08:00x" is not HH:MM' }),
    );
    expect(() => parseOfficeHours('-08:00')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: 'FALLBACK_OFFICE_HOURS: "-08:00" is not HH:MM-HH:MM' }),
    );
    expect(() => parseOfficeHours('07:30')).toThrow('FALLBACK_OFFICE_HOURS: "07:30" is not HH:MM-HH:MM');
    expect(() => parseOfficeHours('11:30-07:30')).toThrow('FALLBACK_OFFICE_HOURS: "11:30-07:30" ends before it starts');
    expect(() => parseOfficeHours('08:00-08:00')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('reads each FALLBACK_* variable under its own name', () => {
    expect(fallbackPolicyFromEnv({})).toEqual(DEFAULT_FALLBACK_POLICY);
    const p = fallbackPolicyFromEnv({
      FALLBACK_ENABLED: 'off',
      FALLBACK_OUTAGE_WORKING_HOURS: '5',
      FALLBACK_DEADLINE_MARGIN_HOURS: '12',
      ARCHIVE_TO_EDOC: 'yes',
      FALLBACK_OFFICE_HOURS: '08:00-12:00',
    });
    expect(p).toMatchObject({ enabled: false, outageWorkingHours: 5, deadlineMarginHours: 12, archiveToEdoc: true });
    expect(p.calendar.officeHours).toEqual([[480, 720]]);
    expect(fallbackPolicyFromEnv({ FALLBACK_OFFICE_HOURS: '' }).calendar).toBe(DEFAULT_FALLBACK_POLICY.calendar);
  });

  it.each([
    ['1', true],
    ['TRUE', true],
    ['on', true],
    ['yes', true],
    ['0', false],
    ['False', false],
    ['no', false],
    ['OFF', false],
  ])('reads the flag value %s as %s', (raw, value) => {
    expect(flagFromEnv({ F: raw }, 'F', !value)).toBe(value);
  });

  it('refuses any other flag value naming the variable, and defaults when unset or empty', () => {
    expect(() => flagFromEnv({ F: 'có' }, 'F', true)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { name: 'F' }, message: 'F must be true or false, got "có"' }),
    );
    for (const raw of ['truee', 'xtrue', 'offf', 'xno', '10'])
      expect(() => flagFromEnv({ F: raw }, 'F', true), raw).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(flagFromEnv({}, 'F', true)).toBe(true);
    expect(flagFromEnv({ F: '' }, 'F', false)).toBe(false);
  });
});

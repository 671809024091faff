import { describe, expect, it } from 'vitest';
import { effectiveDeadline, entryLockAt } from './entry-lock.js';

describe('entry lock at the deadline (Asia/Ho_Chi_Minh)', () => {
  it('locks at 00:00 Vietnam time after the deadline day: open at 23:59:59, locked at 00:00', () => {
    const lockAt = entryLockAt('2027-01-20');
    expect(lockAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
    expect(new Date('2027-01-20T16:59:59.999Z') < lockAt).toBe(true);
    expect(new Date('2027-01-20T17:00:00.000Z') >= lockAt).toBe(true);
  });

  it('a granted extension later than the deadline moves the lock; an earlier one does not', () => {
    expect(entryLockAt('2027-01-20', '2027-01-23').toISOString()).toBe('2027-01-23T17:00:00.000Z');
    expect(entryLockAt('2027-01-20', '2027-01-19').toISOString()).toBe('2027-01-20T17:00:00.000Z');
    expect(entryLockAt('2027-01-20', null).toISOString()).toBe('2027-01-20T17:00:00.000Z');
    expect(effectiveDeadline('2027-01-20', '2027-01-23')).toBe('2027-01-23');
    expect(effectiveDeadline('2027-01-20', '2027-01-20')).toBe('2027-01-20');
    expect(effectiveDeadline('2027-01-20')).toBe('2027-01-20');
  });

  it('crosses months and years', () => {
    expect(entryLockAt('2026-12-31').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(entryLockAt('2027-02-28').toISOString()).toBe('2027-02-28T17:00:00.000Z');
  });
});

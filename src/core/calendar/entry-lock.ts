import { addDays, instantOf } from './iso-date.js';

/**
 * When data entry of a report locks: a deadline is a calendar day in Vietnam, so the unit may
 * enter until 23:59:59 of that day and entry locks at 00:00 (Asia/Ho_Chi_Minh, UTC+7 all year)
 * of the next one. A granted extension moves the day; the later of the two is in force.
 */
export function entryLockAt(deadline: string, extendedUntil?: string | null): Date {
  const day = extendedUntil && extendedUntil > deadline ? extendedUntil : deadline;
  return instantOf(addDays(day, 1), 0);
}

/** The day in force: the deadline or the extension granted beyond it. */
export function effectiveDeadline(deadline: string, extendedUntil?: string | null): string {
  return extendedUntil && extendedUntil > deadline ? extendedUntil : deadline;
}

/**
 * Calendar dates as ISO strings (YYYY-MM-DD) so they compare and serialise without time-zone
 * surprises. Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed offset.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Stryker disable next-line ConditionalExpression: a day that overflows (00, 30 Feb, 99) always changes the month too.
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) throw new RangeError(`No such date: ${iso}`);
  return { year, month, day };
}

export function isoDate(year: number, month: number, day: number): string {
  // Date.UTC normalises overflow (month 13, day 0), which the period rules rely on.
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const { year, month, day } = parseIsoDate(iso);
  return isoDate(year, month, day + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The Vietnamese local calendar date of an instant. */
export function localDateOf(instant: Date, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (minutes after midnight) on a local date. */
export function instantOf(iso: string, minuteOfDay: number, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): Date {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day) + (minuteOfDay - offsetMinutes) * 60_000);
}

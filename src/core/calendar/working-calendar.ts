import { addDays, instantOf, localDateOf, weekday } from './iso-date.js';
import { holidaysForYear, type HolidayOverrides, type YearHolidays, DEFAULT_HOLIDAY_OVERRIDES } from './vietnam-holidays.js';

/** Office hours as minutes after local midnight; default 07:30–11:30 and 13:00–17:00. */
export type OfficeHours = [number, number][];
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];

/**
 * Working days and hours of Vietnamese state bodies: Monday–Friday, minus public holidays,
 * plus announced working weekends. Used for deadlines and for the fallback threshold
 * ("an outage of more than 3 working hours", Hải Phòng 5.6).
 */
export class WorkingCalendar {
  private readonly years = new Map<number, YearHolidays>();

  constructor(
    private readonly overrides: HolidayOverrides = DEFAULT_HOLIDAY_OVERRIDES,
    readonly officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
  ) {}

  private year(y: number): YearHolidays {
    let entry = this.years.get(y);
    // Stryker disable next-line ConditionalExpression,BlockStatement: a cache; recomputing gives the same holidays.
    if (!entry) {
      entry = holidaysForYear(y, this.overrides);
      // Stryker disable next-line CallExpression: a cache; recomputing gives the same holidays.
      this.years.set(y, entry);
    }
    return entry;
  }

  holidayName(iso: string): string | undefined {
    return this.year(Number(iso.slice(0, 4))).holidays.get(iso);
  }

  isWorkingDay(iso: string): boolean {
    const y = this.year(Number(iso.slice(0, 4)));
    if (y.workingWeekendDays.has(iso)) return true;
    const d = weekday(iso);
    return d !== 0 && d !== 6 && !y.holidays.has(iso);
  }

  /** The date itself if it is a working day, else the next working day. */
  nextWorkingDay(iso: string): string {
    let d = iso;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The n-th working day after `iso` (n = 0 → `nextWorkingDay(iso)`). */
  addWorkingDays(iso: string, n: number): string {
    if (n === 0) return this.nextWorkingDay(iso);
    let d = iso;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Holidays of a year, sorted, with their names (deadline calendar, console). */
  listHolidays(year: number): { date: string; name: string }[] {
    return [...this.year(year).holidays.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
  }

  /** Milliseconds of office time between two instants (0 if `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; the loop below also counts 0 when `to` is not after `from`.
    if (to.getTime() <= from.getTime()) return 0;
    let total = 0;
    const last = localDateOf(to);
    for (let day = localDateOf(from); day <= last; day = addDays(day, 1)) {
      if (!this.isWorkingDay(day)) continue;
      for (const [startMin, endMin] of this.officeHours) {
        const start = Math.max(instantOf(day, startMin).getTime(), from.getTime());
        const end = Math.min(instantOf(day, endMin).getTime(), to.getTime());
        // Stryker disable next-line EqualityOperator: end = start adds 0.
        if (end > start) total += end - start;
      }
    }
    return total;
  }

  workingHoursBetween(from: Date, to: Date): number {
    return this.workingMsBetween(from, to) / 3_600_000;
  }
}

let shared: WorkingCalendar | undefined;

/** The default Vietnamese calendar (shared; holiday years are computed once and cached). */
export function vietnamCalendar(overrides?: HolidayOverrides): WorkingCalendar {
  if (overrides) return new WorkingCalendar(overrides);
  shared ??= new WorkingCalendar();
  return shared;
}

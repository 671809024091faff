import type { ReportPeriod } from '../approved-report.js';
import { addDays } from './iso-date.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * When a report is due, as data on the regime. Either n working days after the cut-off, or n
 * calendar days after it; a calendar deadline that falls on a day off moves to the next
 * working day (Lai Châu 17.2).
 */
export type DeadlineRule = { workingDaysAfterCutoff: number } | { calendarDaysAfterCutoff: number };

export function deadlineFor(period: ReportPeriod, rule: DeadlineRule, calendar: WorkingCalendar): string {
  if ('workingDaysAfterCutoff' in rule) return calendar.addWorkingDays(period.windowEnd, rule.workingDaysAfterCutoff);
  return calendar.nextWorkingDay(addDays(period.windowEnd, rule.calendarDaysAfterCutoff));
}

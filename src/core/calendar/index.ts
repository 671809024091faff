export { periodFor, parsePeriodKey, adHocPeriod, periodsContaining } from './periods.js';
export { DECREE_09_2019_CUTOFF_RULES, CALENDAR_MONTH_CUTOFF_RULES, type CutoffRule, type CutoffRules } from './cutoff-rules.js';
export { WorkingCalendar, vietnamCalendar, DEFAULT_OFFICE_HOURS, type OfficeHours } from './working-calendar.js';
export { holidaysForYear, ruleHolidays, DEFAULT_HOLIDAY_OVERRIDES, type HolidayOverrides } from './vietnam-holidays.js';
export { deadlineFor, type DeadlineRule } from './deadlines.js';
export { addDays, localDateOf, instantOf, weekday, isoDate, parseIsoDate } from './iso-date.js';
export { entryLockAt, effectiveDeadline } from './entry-lock.js';

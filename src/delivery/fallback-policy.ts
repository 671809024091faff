import { instantOf, WorkingCalendar, type OfficeHours } from '../core/calendar/index.js';
import { DEFAULT_HOLIDAY_OVERRIDES } from '../core/calendar/vietnam-holidays.js';
import { ValidationError } from '../shared/errors.js';
import { numberFromEnv } from './retry-policy.js';

/**
 * Fallback policy as data (default from Hải Phòng 5.6): while the national channel is failing,
 * a report goes through the e-document channel once the outage exceeds the threshold in
 * working hours, or at once when its deadline is closer than the margin. Pure: the worker
 * passes the clock and the channel's failing-since instant.
 */
export interface FallbackPolicy {
  enabled: boolean;
  outageWorkingHours: number;
  deadlineMarginHours: number;
  /** Also send an archive copy of every approved report to the e-document system (Hải Phòng 8.3.c). */
  archiveToEdoc: boolean;
  calendar: WorkingCalendar;
}

export const DEFAULT_FALLBACK_POLICY: FallbackPolicy = {
  enabled: true,
  outageWorkingHours: 3,
  deadlineMarginHours: 24,
  archiveToEdoc: false,
  calendar: new WorkingCalendar(),
};

export type FallbackReason = 'outage' | 'deadline';

/** Why the packet must go through the fallback channel now, or null to keep retrying the national one. */
export function fallbackReason(
  policy: FallbackPolicy,
  now: Date,
  nationalFailingSince: Date | null,
  deadline?: string | null,
): FallbackReason | null {
  if (!policy.enabled || !nationalFailingSince) return null;
  if (policy.calendar.workingHoursBetween(nationalFailingSince, now) > policy.outageWorkingHours) return 'outage';
  if (deadline && /^\d{4}-\d{2}-\d{2}/.test(deadline)) {
    const due = deadlineInstant(policy.calendar, deadline);
    if (due.getTime() - now.getTime() < policy.deadlineMarginHours * 3_600_000) return 'deadline';
  }
  return null;
}

/** A date-only deadline means the end of that day's office hours. */
function deadlineInstant(calendar: WorkingCalendar, deadline: string): Date {
  if (deadline.length > 10) return new Date(deadline);
  const lastEnd = calendar.officeHours.reduce((m, [, end]) => Math.max(m, end), 17 * 60);
  // Stryker disable next-line MethodExpression: only date-only deadlines (10 characters) reach this line.
  return instantOf(deadline.slice(0, 10), lastEnd);
}

/** "07:30-11:30,13:00-17:00" → minutes after local midnight. */
export function parseOfficeHours(raw: string): OfficeHours {
  const minutes = (hm: string) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hm.trim());
    if (!m || Number(m[1]) > 24 || Number(m[2]) > 59)
      throw new ValidationError('CONFIG_INVALID', `FALLBACK_OFFICE_HOURS: "${hm}" is not HH:MM`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  return raw.split(',').map((range) => {
    const [a, b] = range.split('-');
    if (!a || !b) throw new ValidationError('CONFIG_INVALID', `FALLBACK_OFFICE_HOURS: "${range}" is not HH:MM-HH:MM`);
    const span: [number, number] = [minutes(a), minutes(b)];
    if (span[1] <= span[0]) throw new ValidationError('CONFIG_INVALID', `FALLBACK_OFFICE_HOURS: "${range}" ends before it starts`);
    return span;
  });
}

function flag(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ValidationError('CONFIG_INVALID', `${name} must be true or false, got "${raw}"`, { name });
}

/** FALLBACK_ENABLED, FALLBACK_OUTAGE_WORKING_HOURS, FALLBACK_DEADLINE_MARGIN_HOURS, FALLBACK_OFFICE_HOURS, ARCHIVE_TO_EDOC. */
export function fallbackPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): FallbackPolicy {
  const d = DEFAULT_FALLBACK_POLICY;
  const hours = env.FALLBACK_OFFICE_HOURS;
  return {
    enabled: flag(env, 'FALLBACK_ENABLED', d.enabled),
    outageWorkingHours: numberFromEnv(env, 'FALLBACK_OUTAGE_WORKING_HOURS', d.outageWorkingHours, 0),
    deadlineMarginHours: numberFromEnv(env, 'FALLBACK_DEADLINE_MARGIN_HOURS', d.deadlineMarginHours, 0),
    archiveToEdoc: flag(env, 'ARCHIVE_TO_EDOC', d.archiveToEdoc),
    calendar: hours ? new WorkingCalendar(DEFAULT_HOLIDAY_OVERRIDES, parseOfficeHours(hours)) : d.calendar,
  };
}

export { flag as flagFromEnv };

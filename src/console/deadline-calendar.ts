import type { Assignment } from '../core/assignments/types.js';
import type { TimelinessRow } from '../core/submissions/queries/timeliness.js';
import { statusAsOf, type ViewStatus } from './timeliness-view.js';

export interface CalendarEntry {
  assignmentId: string;
  orgUnitId: string;
  orgUnitName: string;
  formCode: string;
  regimeCode: string;
  /** Null while the report is not yet due and not submitted. */
  status: ViewStatus;
}

export interface CalendarDay {
  /** ISO date the reports are due; null for assignments without a deadline. */
  date: string | null;
  entries: CalendarEntry[];
}

/**
 * Groups a period's assignments by deadline day (Lịch hạn nộp). A report not yet submitted
 * counts as "pending" until its deadline passes, when timeliness calls it missing.
 */
export function deadlineCalendar(
  assignments: Assignment[],
  timeliness: TimelinessRow[],
  nameOf: (id: string) => string,
  today?: string,
): CalendarDay[] {
  const statusOf = new Map(timeliness.map((r) => [r.assignmentId, r]));
  const days = new Map<string | null, CalendarEntry[]>();
  for (const a of assignments) {
    const row = statusOf.get(a.id);
    const status = !row ? 'pending' : statusAsOf(row, today);
    const list = days.get(a.deadline) ?? [];
    list.push({
      assignmentId: a.id,
      orgUnitId: a.orgUnitId,
      orgUnitName: nameOf(a.orgUnitId),
      formCode: a.formCode,
      regimeCode: a.regimeCode,
      status,
    });
    days.set(a.deadline, list);
  }
  return [...days]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([date, entries]) => ({ date, entries: entries.sort((x, y) => x.orgUnitName.localeCompare(y.orgUnitName, 'vi')) }));
}

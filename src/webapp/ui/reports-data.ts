import { api } from './api.js';
import type { Assignment, Submission, Transition } from './types.js';

/** One line of "Báo cáo của đơn vị": an assignment with its report (if opened) and why it came back. */
export interface ReportLine {
  assignment: Assignment;
  submission: Submission | null;
  /** not_started, a submission state, or `refused` (the receiver refused it). */
  status: string;
  reason: string | null;
}

/** The newest transition that carries a reason, when the report is back with the unit. */
export function lastReason(history: Transition[]): Transition | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].reason) return history[i];
  return null;
}

/** Refused by the receiver (national system or parent): a transition that says so. */
export function isRefusal(t: Transition | null): boolean {
  return !!t && (t.action.includes('refuse') || t.to === 'refused' || t.action === 'national_refused');
}

export async function submissionsOf(query: Record<string, string>): Promise<Submission[]> {
  const q = new URLSearchParams({ limit: '500', ...query });
  return (await api.get<{ submissions: Submission[] }>(`/api/v1/submissions?${q}`)).submissions;
}

export async function historyOf(id: string): Promise<Transition[]> {
  return (await api.get<{ transitions: Transition[] }>(`/api/v1/submissions/${id}/history`)).transitions;
}

export async function unitReportLines(orgUnitId: string): Promise<ReportLine[]> {
  const [{ assignments }, submissions] = await Promise.all([
    api.get<{ assignments: Assignment[] }>(`/api/v1/assignments?orgUnitId=${encodeURIComponent(orgUnitId)}`),
    submissionsOf({ orgUnitId }),
  ]);
  const byAssignment = new Map(submissions.map((s) => [s.assignmentId, s]));
  const lines = await Promise.all(
    assignments.map(async (a): Promise<ReportLine> => {
      const s = byAssignment.get(a.id) ?? null;
      if (!s) return { assignment: a, submission: null, status: 'not_started', reason: null };
      let status: string = s.state;
      let reason: string | null = null;
      if (s.state === 'returned' || s.state === 'draft' || (s.state as string) === 'refused' || s.state === 'accepted') {
        const last = lastReason(await historyOf(s.id));
        if (last && (s.state === 'returned' || (s.state as string) === 'refused' || isRefusal(last))) {
          reason = last.reason;
          if (isRefusal(last)) status = 'refused';
        }
      }
      return { assignment: a, submission: s, status, reason };
    }),
  );
  // Nearest deadline first: the work due soonest is on top.
  return lines.sort(
    (x, y) =>
      (x.assignment.deadline ?? '9999').localeCompare(y.assignment.deadline ?? '9999') ||
      x.assignment.formCode.localeCompare(y.assignment.formCode),
  );
}

import type { ApiPaths } from '../../shared/api-client.js';
import { api } from './api.js';
import type { Assignment, CellTrail, Submission, SubmissionView, Transition } from './types.js';

/** Filters of GET /api/v1/submissions (the contract's query parameters). */
export type SubmissionQuery = NonNullable<ApiPaths['/api/v1/submissions']['get']['parameters']['query']>;

/** One line of "Báo cáo của đơn vị": an assignment with its report (if opened) and why it came back. */
export interface ReportLine {
  assignment: Assignment;
  submission: Submission | null;
  /** not_started or the submission's state. */
  status: string;
  reason: string | null;
}

/** The reason of the step that brought the report to its state (the server's `statusReason`), if it had one. */
export function reasonOfState(history: Transition[], state: string): Transition | null {
  const last = history.at(-1);
  return last && last.to === state && last.reason ? last : null;
}

/** States with a reason worth showing on the unit's list: sent back, refused, recalled or reopened for correction. */
const WITH_REASON = new Set(['returned', 'refused', 'draft']);

export async function submissionsOf(query: SubmissionQuery): Promise<Submission[]> {
  return (await api.get('/api/v1/submissions', { params: { query: { limit: 500, ...query } } })).submissions;
}

export async function historyOf(id: string): Promise<Transition[]> {
  return (await api.get('/api/v1/submissions/{id}/history', { params: { path: { id } } })).transitions;
}

/** The report's plausibility warnings as the server reads its stored values now. */
export async function warningsOf(id: string): Promise<SubmissionView['warnings']> {
  return (await api.get('/api/v1/submissions/{id}', { params: { path: { id } } })).warnings;
}

/** Every cell change (old → new) and cell comment of a report. */
export async function cellTrailOf(id: string): Promise<CellTrail> {
  return api.get('/api/v1/submissions/{id}/cells', { params: { path: { id } } });
}

export async function unitReportLines(orgUnitId: string): Promise<ReportLine[]> {
  const [{ assignments }, submissions] = await Promise.all([
    api.get('/api/v1/assignments', { params: { query: { orgUnitId } } }),
    submissionsOf({ orgUnitId }),
  ]);
  const byAssignment = new Map(submissions.map((s) => [s.assignmentId, s]));
  const lines = await Promise.all(
    assignments.map(async (a): Promise<ReportLine> => {
      const s = byAssignment.get(a.id) ?? null;
      if (!s) return { assignment: a, submission: null, status: 'not_started', reason: null };
      const last = WITH_REASON.has(s.state) ? reasonOfState(await historyOf(s.id), s.state) : null;
      return { assignment: a, submission: s, status: s.state, reason: last?.reason ?? null };
    }),
  );
  // Nearest deadline first: the work due soonest is on top.
  return lines.sort(
    (x, y) =>
      (x.assignment.deadline ?? '9999').localeCompare(y.assignment.deadline ?? '9999') ||
      x.assignment.formCode.localeCompare(y.assignment.formCode),
  );
}

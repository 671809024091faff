import { localDateOf } from '../../calendar/index.js';
import type { SubmissionsDeps } from '../deps.js';
import { listByPeriod } from '../repository/submissions.js';

export type TimelinessStatus = 'on_time' | 'late' | 'missing';

export interface TimelinessRow {
  orgUnitId: string;
  assignmentId: string;
  formCode: string;
  deadline: string | null;
  /** First submission to the unit's leader (ISO), what the deadline is measured against. */
  submittedAt: string | null;
  status: TimelinessStatus;
}

export interface TimelinessReport {
  periodKey: string;
  regimeCode: string | null;
  rows: TimelinessRow[];
  /** Per org unit: the worst of its assignments (missing > late > on_time). */
  units: { orgUnitId: string; status: TimelinessStatus; onTime: number; late: number; missing: number }[];
}

const RANK: Record<TimelinessStatus, number> = { on_time: 0, late: 1, missing: 2 };

/**
 * Timeliness per unit for a period (ops console, annual evaluation: Hòa Bình 22, Hải Phòng 16).
 * A report is on time when it was first submitted on or before the deadline day, Vietnam time.
 */
export async function timeliness(deps: SubmissionsDeps, periodKey: string, regimeCode?: string): Promise<TimelinessReport> {
  const assignments = await deps.catalog.assignmentsForPeriod(periodKey, regimeCode);
  const submissions = new Map((await listByPeriod(deps.db, periodKey)).map((s) => [s.assignmentId, s]));
  const rows: TimelinessRow[] = assignments.map((a) => {
    const at = submissions.get(a.id)?.firstSubmittedAt ?? null;
    const status: TimelinessStatus = !at ? 'missing' : a.deadline && localDateOf(at) > a.deadline ? 'late' : 'on_time';
    return { orgUnitId: a.orgUnitId, assignmentId: a.id, formCode: a.formCode, deadline: a.deadline ?? null, submittedAt: at?.toISOString() ?? null, status };
  });
  const units = new Map<string, TimelinessReport['units'][number]>();
  for (const r of rows) {
    const u = units.get(r.orgUnitId) ?? { orgUnitId: r.orgUnitId, status: 'on_time' as TimelinessStatus, onTime: 0, late: 0, missing: 0 };
    if (r.status === 'on_time') u.onTime++;
    else if (r.status === 'late') u.late++;
    else u.missing++;
    if (RANK[r.status] > RANK[u.status]) u.status = r.status;
    units.set(r.orgUnitId, u);
  }
  return { periodKey, regimeCode: regimeCode ?? null, rows, units: [...units.values()] };
}

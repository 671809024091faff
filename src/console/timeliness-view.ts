import type { TimelinessReport, TimelinessRow } from '../core/submissions/queries/timeliness.js';

export type ViewStatus = Exclude<TimelinessRow['status'], 'not_yet_due'> | 'pending';

/**
 * The one rule the timeliness page and the deadline calendar share: a report not submitted is
 * "Chưa đến hạn" (pending) until its deadline day has passed (Vietnam date), and only then
 * "Chưa nộp" (missing). A report without a deadline is never missing.
 */
export function statusAsOf(row: Pick<TimelinessRow, 'status' | 'deadline'>, today: string | undefined): ViewStatus {
  // The workflow already says "not yet due" before the deadline (same rule): shown as pending.
  if (row.status === 'not_yet_due') return 'pending';
  const status = row.status as ViewStatus;
  if (status !== 'missing') return status;
  if (row.deadline === null) return 'pending';
  return today !== undefined && row.deadline >= today ? 'pending' : 'missing';
}

const RANK: Record<ViewStatus, number> = { pending: 0, on_time: 1, late: 2, missing: 3, refused: 4 };

export interface TimelinessView extends Omit<TimelinessReport, 'rows' | 'units' | 'asOf'> {
  asOf: string | null;
  rows: (Omit<TimelinessRow, 'status'> & { status: ViewStatus })[];
  units: { orgUnitId: string; status: ViewStatus; onTime: number; late: number; missing: number; pending: number; refused: number }[];
}

/** The workflow's timeliness as of `today`: rows re-labelled, unit totals recounted with "pending". */
export function timelinessAsOf(report: TimelinessReport, today: string | undefined): TimelinessView {
  const rows = report.rows.map((r) => ({ ...r, status: statusAsOf(r, today) }));
  const units = new Map<string, TimelinessView['units'][number]>();
  for (const r of rows) {
    const u = units.get(r.orgUnitId) ?? {
      orgUnitId: r.orgUnitId,
      status: 'pending' as ViewStatus,
      onTime: 0,
      late: 0,
      missing: 0,
      pending: 0,
      refused: 0,
    };
    if (r.status === 'on_time') u.onTime++;
    else if (r.status === 'late') u.late++;
    else if (r.status === 'missing') u.missing++;
    else if (r.status === 'refused') u.refused++;
    else u.pending++;
    if (RANK[r.status] > RANK[u.status]) u.status = r.status;
    units.set(r.orgUnitId, u);
  }
  return { ...report, asOf: today ?? null, rows, units: [...units.values()] };
}

import { listByPeriod } from '../../core/submissions/repository/submissions.js';
import { listValues } from '../../core/submissions/repository/values.js';
import { disaggregationKey, type CellValue, type SubmissionState } from '../../core/submissions/types.js';
import type { SqlExecutor } from '../../store/database.js';

/** States whose values the province stands behind. */
export const APPROVED_STATES: readonly SubmissionState[] = ['approved', 'sent', 'accepted'];

export interface ApprovedCell extends CellValue {
  orgUnitId: string;
  submissionId: string;
}

/**
 * The province's approved cells of a period for some units and indicators (reconciliation,
 * push connectors). One indicator may sit on several forms of a unit: the first approved report
 * read speaks for it, so each cell appears once.
 */
export async function approvedCells(sql: SqlExecutor, periodKey: string, unitIds: ReadonlySet<string>, indicators: ReadonlySet<string>): Promise<ApprovedCell[]> {
  const out: ApprovedCell[] = [];
  const seen = new Set<string>();
  for (const s of await listByPeriod(sql, periodKey)) {
    if (!APPROVED_STATES.includes(s.state) || !unitIds.has(s.orgUnitId) || s.type !== 'data') continue;
    for (const v of await listValues(sql, s.id)) {
      if (!indicators.has(v.indicatorCode)) continue;
      const d = disaggregationKey(v.disaggregation);
      const k = `${s.orgUnitId}\u001f${v.indicatorCode}\u001f${v.columnCode}\u001f${d}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ...v, orgUnitId: s.orgUnitId, submissionId: s.id });
    }
  }
  return out;
}

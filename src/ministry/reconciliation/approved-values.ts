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
 * push connectors), read in one query rather than one per report. One indicator may sit on
 * several forms of a unit: the first approved report read speaks for it, so each cell appears once.
 */
export async function approvedCells(
  sql: SqlExecutor,
  periodKey: string,
  unitIds: ReadonlySet<string>,
  indicators: ReadonlySet<string>,
): Promise<ApprovedCell[]> {
  if (unitIds.size === 0 || indicators.size === 0) return [];
  const { rows } = await sql.query<{
    submission_id: string;
    org_unit_id: string;
    indicator_code: string;
    column_code: string;
    disaggregation: Record<string, string> | null;
    value: string | null;
  }>(
    `SELECT s.id AS submission_id, s.org_unit_id, v.indicator_code, v.column_code, v.disaggregation, v.value::text AS value
       FROM submissions s JOIN submission_values v ON v.submission_id = s.id
      WHERE s.period_key = $1 AND s.type = 'data' AND s.state = ANY($2::text[]) AND s.org_unit_id = ANY($3::text[]) AND v.indicator_code = ANY($4::text[])
      ORDER BY s.created_at, s.id, v.indicator_code, v.column_code, v.disaggregation_key`,
    [periodKey, APPROVED_STATES, [...unitIds], [...indicators]],
  );
  const out: ApprovedCell[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const cell: CellValue = {
      indicatorCode: r.indicator_code,
      columnCode: r.column_code,
      value: r.value === null ? null : Number(r.value),
      ...(r.disaggregation ? { disaggregation: r.disaggregation } : {}),
    };
    const k = `${r.org_unit_id}\u001f${cell.indicatorCode}\u001f${cell.columnCode}\u001f${disaggregationKey(cell.disaggregation)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ ...cell, orgUnitId: r.org_unit_id, submissionId: r.submission_id });
  }
  return out;
}

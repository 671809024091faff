import type { SqlExecutor } from '../../../store/database.js';
import { disaggregationKey, type CellValue, type SubmissionState } from '../types.js';

/**
 * The submissions area's read service over approved values: other areas (reconciliation and
 * push connectors, the console's charts) read the workflow's tables only through it.
 */

/** States whose values the province stands behind. */
export const APPROVED_STATES: readonly SubmissionState[] = ['approved', 'sent', 'accepted'];

/** States the console's charts count as approved by the unit's leader (as they always have). */
const CHART_STATES = ['approved', 'sent', 'accepted', 'correction_requested'];

export interface SeriesPoint {
  periodKey: string;
  columnCode: string;
  value: number | null;
}

/**
 * Approved totals (no disaggregation) of one indicator for one unit, across periods. Per period,
 * the approved report changed last that holds a total of the indicator speaks for it (the
 * indicator may sit on more than one form; the chart showed one report's values anyway). The
 * periods are walked one index step each (a recursive skip scan) and each period stops at its
 * first report holding the indicator, so the cost follows the periods, not the reports.
 */
export async function approvedSeries(sql: SqlExecutor, orgUnitId: string, indicatorCode: string): Promise<SeriesPoint[]> {
  const res = await sql.query<{ period_key: string; column_code: string; value: string | number | null }>(
    `WITH RECURSIVE periods AS (
       SELECT (SELECT min(period_key) FROM submissions WHERE org_unit_id = $1 AND state = ANY($3)) AS p
       UNION ALL
       SELECT (SELECT min(period_key) FROM submissions WHERE org_unit_id = $1 AND state = ANY($3) AND period_key > periods.p)
         FROM periods WHERE p IS NOT NULL
     )
     SELECT periods.p AS period_key, v.column_code, v.value
       FROM periods
       CROSS JOIN LATERAL (
         SELECT s.id FROM submissions s
          WHERE s.org_unit_id = $1 AND s.period_key = periods.p AND s.state = ANY($3)
            AND EXISTS (SELECT 1 FROM submission_values x WHERE x.submission_id = s.id AND x.indicator_code = $2 AND x.disaggregation_key = '')
          ORDER BY s.updated_at DESC, s.id DESC LIMIT 1
       ) latest
       JOIN submission_values v ON v.submission_id = latest.id AND v.indicator_code = $2 AND v.disaggregation_key = ''
      ORDER BY 1, 2`,
    [orgUnitId, indicatorCode, CHART_STATES],
  );
  return res.rows.map((r) => ({ periodKey: r.period_key, columnCode: r.column_code, value: r.value === null ? null : Number(r.value) }));
}

/**
 * Which of `codes` have approved values for a unit, in code order. The (unit, indicator) pairs
 * that ever held a value (migration 103's maintained table, one index range) narrow the codes
 * first, so an indicator the unit never reported costs nothing; each remaining pair is
 * confirmed against the unit's approved reports, stopping at the first that holds it.
 */
export async function indicatorsWithApprovedValues(sql: SqlExecutor, orgUnitId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  // The unit's approved reports are read once, lazily (a materialised CTE yields rows as the
  // probes ask): a pair is usually confirmed by the first report, not by a scan per pair.
  const res = await sql.query<{ code: string }>(
    `WITH approved AS MATERIALIZED (SELECT id FROM submissions WHERE org_unit_id = $1 AND state = ANY($2))
     SELECT u.indicator_code AS code FROM submission_unit_indicators u
      WHERE u.org_unit_id = $1 AND u.indicator_code = ANY($3::text[])
        AND EXISTS (SELECT 1 FROM approved s JOIN submission_values v ON v.submission_id = s.id AND v.indicator_code = u.indicator_code)
      ORDER BY u.indicator_code`,
    [orgUnitId, CHART_STATES, [...codes]],
  );
  return res.rows.map((r) => r.code);
}

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

/** The read service other areas hold (`ctx.services.submissions.approvedValues`). */
export interface ApprovedValues {
  series(orgUnitId: string, indicatorCode: string): Promise<SeriesPoint[]>;
  indicatorsWith(orgUnitId: string, codes: readonly string[]): Promise<string[]>;
  /** The approved cells of a period for some units and indicators (reconciliation, push connectors). */
  cells(periodKey: string, unitIds: ReadonlySet<string>, indicators: ReadonlySet<string>): Promise<ApprovedCell[]>;
}

export function approvedValues(sql: SqlExecutor): ApprovedValues {
  return {
    series: (orgUnitId, indicatorCode) => approvedSeries(sql, orgUnitId, indicatorCode),
    indicatorsWith: (orgUnitId, codes) => indicatorsWithApprovedValues(sql, orgUnitId, codes),
    cells: (periodKey, unitIds, indicators) => approvedCells(sql, periodKey, unitIds, indicators),
  };
}

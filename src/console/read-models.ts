import type { SqlExecutor } from '../store/database.js';

/**
 * Read-only queries over the reporting core's tables for the console's pickers and charts.
 * They only read; the core remains the owner and the only writer of these tables.
 */

/** Period keys that have assignments, latest key first (the console's period picker). */
export async function periodKeys(db: SqlExecutor, limit = 24): Promise<string[]> {
  const res = await db.query<{ period_key: string }>(`SELECT DISTINCT period_key FROM assignments ORDER BY period_key DESC LIMIT $1`, [
    limit,
  ]);
  return res.rows.map((r) => r.period_key);
}

/** States in which a report's values are approved by the unit's leader. */
const APPROVED_STATES = ['approved', 'sent', 'accepted', 'correction_requested'];

export interface SeriesPoint {
  periodKey: string;
  columnCode: string;
  value: number | null;
}

/** Approved totals (no disaggregation) of one indicator for one unit, across periods. */
export async function indicatorSeries(db: SqlExecutor, orgUnitId: string, indicatorCode: string): Promise<SeriesPoint[]> {
  const res = await db.query<{ period_key: string; column_code: string; value: string | number | null }>(
    `SELECT s.period_key, v.column_code, v.value
       FROM submissions s JOIN submission_values v ON v.submission_id = s.id
      WHERE s.org_unit_id = $1 AND v.indicator_code = $2 AND v.disaggregation_key = '' AND s.state = ANY($3)
      ORDER BY s.period_key, v.column_code`,
    [orgUnitId, indicatorCode, APPROVED_STATES],
  );
  return res.rows.map((r) => ({ periodKey: r.period_key, columnCode: r.column_code, value: r.value === null ? null : Number(r.value) }));
}

/** Indicators with approved values for a unit (what the chart picker offers). */
export async function indicatorsWithValues(db: SqlExecutor, orgUnitId: string): Promise<{ code: string; name: string; unit: string }[]> {
  // Per catalog indicator, stop at the unit's first approved report holding it (primary-key
  // probes), instead of reading every value the unit ever reported (issue 14).
  const res = await db.query<{ code: string; name: string | null; unit: string | null }>(
    `SELECT i.code, i.name, i.unit FROM indicators i
      WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.org_unit_id = $1 AND s.state = ANY($2)
                      AND EXISTS (SELECT 1 FROM submission_values v WHERE v.submission_id = s.id AND v.indicator_code = i.code))
      ORDER BY i.code`,
    [orgUnitId, APPROVED_STATES],
  );
  return res.rows.map((r) => ({ code: r.code, name: r.name ?? r.code, unit: r.unit ?? '' }));
}

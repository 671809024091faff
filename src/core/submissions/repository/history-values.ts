import type { SqlExecutor } from '../../../store/database.js';
import type { PlausibilityCell } from '../../forms/plausibility.js';

/** States in which a report's figures count as the unit's reported history (never a draft). */
const REPORTED = ['submitted', 'approved', 'sent', 'accepted'];

/**
 * The totals (no disaggregation) of one unit's reports of one form for the given periods, in
 * one query: the unit's own history for the outlier check.
 */
export async function unitHistoryValues(
  sql: SqlExecutor,
  orgUnitId: string,
  formCode: string,
  periodKeys: string[],
): Promise<Map<string, PlausibilityCell[]>> {
  const out = new Map<string, PlausibilityCell[]>();
  if (periodKeys.length === 0) return out;
  const { rows } = await sql.query<{ period_key: string; indicator_code: string; column_code: string; value: string | null }>(
    `SELECT s.period_key, v.indicator_code, v.column_code, v.value::text AS value
       FROM submissions s JOIN submission_values v ON v.submission_id = s.id
      WHERE s.org_unit_id = $1 AND s.form_code = $2 AND s.period_key = ANY($3::text[]) AND s.state = ANY($4::text[])
        AND v.disaggregation_key = ''`,
    [orgUnitId, formCode, periodKeys, REPORTED],
  );
  for (const r of rows) {
    const list = out.get(r.period_key) ?? [];
    list.push({ indicatorCode: r.indicator_code, columnCode: r.column_code, value: r.value === null ? null : Number(r.value) });
    out.set(r.period_key, list);
  }
  return out;
}

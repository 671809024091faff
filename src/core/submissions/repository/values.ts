import type { SqlExecutor } from '../../../store/database.js';
import { disaggregationKey, type CellValue } from '../types.js';

interface ValueRow {
  indicator_code: string;
  column_code: string;
  disaggregation: Record<string, string> | null;
  value: string | null;
}

/** Inserts or overwrites the given cells; other cells stay as they were. */
export async function upsertValues(sql: SqlExecutor, submissionId: string, values: CellValue[], actor: string, now: Date): Promise<void> {
  for (const v of values) {
    await sql.query(
      `INSERT INTO submission_values (submission_id, indicator_code, column_code, disaggregation_key, disaggregation, value, entered_by, entered_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
       ON CONFLICT (submission_id, indicator_code, column_code, disaggregation_key)
       DO UPDATE SET value = EXCLUDED.value, disaggregation = EXCLUDED.disaggregation, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`,
      [submissionId, v.indicatorCode, v.columnCode, disaggregationKey(v.disaggregation),
        v.disaggregation ? JSON.stringify(v.disaggregation) : null, v.value === null ? null : String(v.value), actor, now],
    );
  }
}

/** Replaces the whole grid (an approved correction). */
export async function replaceValues(sql: SqlExecutor, submissionId: string, values: CellValue[], actor: string, now: Date): Promise<void> {
  await sql.query('DELETE FROM submission_values WHERE submission_id = $1', [submissionId]);
  await upsertValues(sql, submissionId, values, actor, now);
}

export async function listValues(sql: SqlExecutor, submissionId: string): Promise<CellValue[]> {
  const res = await sql.query<ValueRow>(
    `SELECT indicator_code, column_code, disaggregation, value::text AS value FROM submission_values
     WHERE submission_id = $1 ORDER BY indicator_code, column_code, disaggregation_key`,
    [submissionId],
  );
  return res.rows.map((r) => ({
    indicatorCode: r.indicator_code,
    columnCode: r.column_code,
    value: r.value === null ? null : Number(r.value),
    ...(r.disaggregation ? { disaggregation: r.disaggregation } : {}),
  }));
}

import type { SqlExecutor } from '../../../store/database.js';
import { disaggregationKey, type CellValue } from '../types.js';

interface ValueRow {
  indicator_code: string;
  column_code: string;
  disaggregation: Record<string, string> | null;
  value: string | null;
}

/**
 * Inserts or overwrites the given cells; other cells stay as they were. One statement for the
 * whole grid; a cell given twice keeps its last value (one upsert may not touch a row twice).
 */
export async function upsertValues(sql: SqlExecutor, submissionId: string, values: CellValue[], actor: string, now: Date): Promise<void> {
  const cells = new Map<
    string,
    {
      indicator_code: string;
      column_code: string;
      disaggregation_key: string;
      disaggregation: Record<string, string> | null;
      value: string | null;
    }
  >();
  for (const v of values) {
    const key = disaggregationKey(v.disaggregation);
    cells.set(JSON.stringify([v.indicatorCode, v.columnCode, key]), {
      indicator_code: v.indicatorCode,
      column_code: v.columnCode,
      disaggregation_key: key,
      disaggregation: v.disaggregation ?? null,
      value: v.value === null ? null : String(v.value),
    });
  }
  if (cells.size === 0) return;
  await sql.query(
    // lienthong.actor, set in this statement (transaction-local), tells the cell history's
    // triggers (migration 101) that the application made the change, and who.
    `WITH actor AS (SELECT set_config('lienthong.actor', $3, true) AS id)
     INSERT INTO submission_values (submission_id, indicator_code, column_code, disaggregation_key, disaggregation, value, entered_by, entered_at)
     SELECT $1, c.indicator_code, c.column_code, c.disaggregation_key, c.disaggregation, c.value::numeric, actor.id, $4
       FROM jsonb_to_recordset($2::jsonb) AS c(indicator_code text, column_code text, disaggregation_key text, disaggregation jsonb, value text)
      CROSS JOIN actor
     ON CONFLICT (submission_id, indicator_code, column_code, disaggregation_key)
     DO UPDATE SET value = EXCLUDED.value, disaggregation = EXCLUDED.disaggregation, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`,
    [submissionId, JSON.stringify([...cells.values()]), actor, now],
  );
}

/** Replaces the whole grid (an approved correction). */
export async function replaceValues(sql: SqlExecutor, submissionId: string, values: CellValue[], actor: string, now: Date): Promise<void> {
  // The cell history (migration 101) records the deleted cells as changed by this actor.
  await sql.query("SELECT set_config('lienthong.actor', $1, true)", [actor]);
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

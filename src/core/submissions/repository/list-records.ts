import type { SqlExecutor } from '../../../store/database.js';
import type { ListRecord, ListValue } from '../../forms/types.js';

/** The records of a list report, in list order. */
export async function listRecords(sql: SqlExecutor, submissionId: string): Promise<ListRecord[]> {
  const r = await sql.query<{ row_no: number; values: Record<string, ListValue> }>(
    'SELECT row_no, "values" FROM submission_list_records WHERE submission_id = $1 ORDER BY row_no',
    [submissionId],
  );
  return r.rows.map((row) => ({ rowNo: row.row_no, values: row.values }));
}

/** Replaces every record of the list (a list is saved as a whole, like a sheet): one statement each way. */
export async function replaceRecords(
  sql: SqlExecutor,
  submissionId: string,
  records: ListRecord[],
  actor: string,
  now: Date,
): Promise<void> {
  await sql.query('DELETE FROM submission_list_records WHERE submission_id = $1', [submissionId]);
  if (records.length === 0) return;
  await sql.query(
    `INSERT INTO submission_list_records (submission_id, row_no, "values", entered_by, entered_at)
     SELECT $1, r.row_no, r.vals, $3, $4 FROM jsonb_to_recordset($2::jsonb) AS r(row_no integer, vals jsonb)`,
    [submissionId, JSON.stringify(records.map((r) => ({ row_no: r.rowNo, vals: r.values }))), actor, now],
  );
}

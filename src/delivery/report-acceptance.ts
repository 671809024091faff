import type { SqlExecutor } from '../store/database.js';

/**
 * How many national packets of one report version have not arrived yet: the report counts as
 * accepted by the national system only once this is 0 (a report may travel as several packets).
 */
export async function openReportPackets(sql: SqlExecutor, submissionId: string, version: number): Promise<number> {
  const res = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM delivery_packets WHERE submission_id = $1 AND submission_version = $2 AND route = 'national'
       AND subject_kind = 'report' AND state NOT IN ('acknowledged', 'reconciled')`,
    [submissionId, version],
  );
  return res.rows[0]!.n;
}

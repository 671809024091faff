import type { SqlExecutor } from '../store/database.js';
import { Batcher } from './batcher.js';

/**
 * How many national packets of one report version have not arrived yet: the report counts as
 * accepted by the national system only once this is 0 (a report may travel as several packets).
 */
export async function openReportPackets(sql: SqlExecutor, submissionId: string, version: number): Promise<number> {
  return (await openReportPacketsMany(sql, [{ submissionId, version }]))[0]!;
}

export interface ReportVersion {
  submissionId: string;
  version: number;
}

/** openReportPackets for many report versions in one statement; counts in the order asked. */
export async function openReportPacketsMany(sql: SqlExecutor, reports: ReportVersion[]): Promise<number[]> {
  if (reports.length === 0) return [];
  const res = await sql.query<{ i: number; n: number }>(
    `SELECT k.i, count(p.packet_id)::int AS n
       FROM json_to_recordset($1::json) AS k(i int, submission_id text, version int)
       LEFT JOIN delivery_packets p ON p.submission_id = k.submission_id AND p.submission_version = k.version
        AND p.route = 'national' AND p.subject_kind = 'report' AND p.state NOT IN ('acknowledged', 'reconciled')
      GROUP BY k.i`,
    [JSON.stringify(reports.map((r, i) => ({ i, submission_id: r.submissionId, version: r.version })))],
    { prepare: 'delivery_open_report_packets' },
  );
  const counts = new Array<number>(reports.length).fill(0);
  for (const r of res.rows) counts[r.i] = r.n;
  return counts;
}

/**
 * The acknowledgement path asks this once per acknowledged packet; under load those questions
 * share one statement (group commit's read side), so an acknowledgement costs no round trip of
 * its own. Each answer is read after the caller's packet outcome was committed.
 */
export function openReportPacketsBatched(sql: SqlExecutor): (submissionId: string, version: number) => Promise<number> {
  const batcher = new Batcher<ReportVersion, number>((reports) => openReportPacketsMany(sql, reports));
  return (submissionId, version) => batcher.submit({ submissionId, version });
}

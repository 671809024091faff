import type { ApprovedReport, ReportApproval } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import { listSources } from './repository/consolidation-sources.js';

/**
 * The leaders' approval signatures that travel with a dispatched report (national profile
 * v2): the report's own, then one per consolidated source report (each commune's leader), so the
 * receiver can check every person who approved a figure. Only JAdES signatures (JSON) are
 * carried; older compact-JWS records stay inside the province.
 */
export async function approvalsFor(sql: SqlExecutor, report: ApprovedReport, signature: string | null): Promise<ReportApproval[]> {
  const out: ReportApproval[] = [];
  if (signature?.trimStart().startsWith('{'))
    out.push({ role: 'approval', submissionId: report.submissionId, version: report.version, orgCode: report.orgUnit.orgCode, signature });
  const sources = await listSources(sql, report.submissionId);
  if (sources.length === 0) return out;
  const res = await sql.query<{ id: string; signature: string | null; version: number; org_code: string | null }>(
    `SELECT s.id, s.signature, s.version, u.org_code FROM submissions s LEFT JOIN org_units u ON u.id = s.org_unit_id WHERE s.id = ANY($1::text[])`,
    [sources.map((s) => s.childSubmissionId)],
  );
  for (const r of res.rows) {
    if (r.signature?.trimStart().startsWith('{'))
      out.push({ role: 'source', submissionId: r.id, version: r.version, orgCode: r.org_code ?? '', signature: r.signature });
  }
  return out;
}

/** The report as signed: approvals ride beside it and are never part of the signed content. */
export function signedContent(report: ApprovedReport): ApprovedReport {
  if (report.approvals === undefined) return report;
  const { approvals: _approvals, ...rest } = report;
  return rest;
}

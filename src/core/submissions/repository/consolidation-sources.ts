import type { SqlExecutor } from '../../../store/database.js';

export interface ConsolidationSource {
  childSubmissionId: string;
  childOrgUnitId: string;
  childVersion: number;
  consolidatedAt: Date;
}

export async function replaceSources(sql: SqlExecutor, parentId: string, sources: ConsolidationSource[]): Promise<void> {
  await sql.query('DELETE FROM submission_consolidation_sources WHERE parent_submission_id = $1', [parentId]);
  for (const s of sources) {
    await sql.query(
      `INSERT INTO submission_consolidation_sources (parent_submission_id, child_submission_id, child_org_unit_id, child_version, consolidated_at)
       VALUES ($1,$2,$3,$4,$5)`,
      [parentId, s.childSubmissionId, s.childOrgUnitId, s.childVersion, s.consolidatedAt],
    );
  }
}

export async function listSources(sql: SqlExecutor, parentId: string): Promise<ConsolidationSource[]> {
  const res = await sql.query<{ child_submission_id: string; child_org_unit_id: string; child_version: number; consolidated_at: Date }>(
    'SELECT * FROM submission_consolidation_sources WHERE parent_submission_id = $1 ORDER BY child_org_unit_id',
    [parentId],
  );
  return res.rows.map((r) => ({
    childSubmissionId: r.child_submission_id,
    childOrgUnitId: r.child_org_unit_id,
    childVersion: r.child_version,
    consolidatedAt: r.consolidated_at,
  }));
}

import type { ApprovedReport } from '../../approved-report.js';
import type { SqlExecutor } from '../../../store/database.js';
import type { CellValue } from '../types.js';

/** Freezes a dispatched version; re-dispatch after a recall overwrites the same version. */
export async function saveVersion(
  sql: SqlExecutor,
  report: ApprovedReport,
  signature: string | null,
  signer: string | null,
  now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO submission_versions (submission_id, version, kind, report, signature, signer, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (submission_id, version) DO UPDATE SET report = EXCLUDED.report, signature = EXCLUDED.signature,
       signer = EXCLUDED.signer, created_at = EXCLUDED.created_at`,
    [report.submissionId, report.version, report.kind, JSON.stringify(report), signature, signer, now],
  );
}

export async function listVersions(
  sql: SqlExecutor,
  submissionId: string,
): Promise<{ version: number; kind: string; createdAt: Date; signer: string | null }[]> {
  const res = await sql.query<{ version: number; kind: string; created_at: Date; signer: string | null }>(
    'SELECT version, kind, created_at, signer FROM submission_versions WHERE submission_id = $1 ORDER BY version',
    [submissionId],
  );
  return res.rows.map((r) => ({ version: r.version, kind: r.kind, createdAt: r.created_at, signer: r.signer }));
}

export interface PendingCorrection {
  id: number;
  baseVersion: number;
  reason: string;
  values: CellValue[];
  requestedBy: string;
  requestedAt: Date;
}

export async function insertCorrection(sql: SqlExecutor, submissionId: string, c: Omit<PendingCorrection, 'id'>): Promise<void> {
  await sql.query(
    `INSERT INTO submission_corrections (submission_id, base_version, reason, cell_values, requested_by, requested_at)
     VALUES ($1,$2,$3,$4,$5,$6)`,
    [submissionId, c.baseVersion, c.reason, JSON.stringify(c.values), c.requestedBy, c.requestedAt],
  );
}

export async function pendingCorrection(sql: SqlExecutor, submissionId: string): Promise<PendingCorrection | null> {
  const res = await sql.query<{
    id: number;
    base_version: number;
    reason: string;
    cell_values: CellValue[];
    requested_by: string;
    requested_at: Date;
  }>(
    `SELECT id, base_version, reason, cell_values, requested_by, requested_at FROM submission_corrections
     WHERE submission_id = $1 AND status = 'pending'`,
    [submissionId],
  );
  const r = res.rows[0];
  return r
    ? {
        id: r.id,
        baseVersion: r.base_version,
        reason: r.reason,
        values: r.cell_values,
        requestedBy: r.requested_by,
        requestedAt: r.requested_at,
      }
    : null;
}

export async function decideCorrection(
  sql: SqlExecutor,
  id: number,
  status: 'approved' | 'refused',
  by: string,
  at: Date,
  reason: string | null,
): Promise<void> {
  await sql.query('UPDATE submission_corrections SET status=$2, decided_by=$3, decided_at=$4, decision_reason=$5 WHERE id=$1', [
    id,
    status,
    by,
    at,
    reason,
  ]);
}

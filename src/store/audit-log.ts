import type { SqlExecutor } from './database.js';
import { currentClientIp, currentCorrelationId } from '../shared/logger.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  orgUnitId?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'orgUnitId' | 'subject'>> {
  id: number;
  at: Date;
  subject: string | null;
  orgUnitId: string | null;
  correlationId: string | null;
}

/** Appends one audit entry; pass the transaction executor so the entry commits with the change. */
export async function appendAudit(sql: SqlExecutor, entry: AuditEntry): Promise<void> {
  await sql.query(
    'INSERT INTO audit_log (actor, action, subject, org_unit_id, details, correlation_id, ip) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [
      entry.actor,
      entry.action,
      entry.subject ?? null,
      entry.orgUnitId ?? null,
      JSON.stringify(entry.details ?? {}),
      currentCorrelationId() ?? null,
      currentClientIp() ?? null,
    ],
  );
}

/**
 * The audit INSERT as the body of a data-modifying CTE, for a write that must be one statement
 * (one round trip, its own commit) and still audit in that commit. `details` is an SQL jsonb
 * expression over the caller's CTEs named in `from`; the entry's parameters start at `$first`.
 */
export function auditInsertFrom(
  entry: Omit<AuditEntry, 'details'>,
  details: string,
  from: string,
  first: number,
): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO audit_log (actor, action, subject, org_unit_id, details, correlation_id, ip)
          SELECT ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${details}, ${p(4)}, ${p(5)} FROM ${from}`,
    params: [
      entry.actor,
      entry.action,
      entry.subject ?? null,
      entry.orgUnitId ?? null,
      currentCorrelationId() ?? null,
      currentClientIp() ?? null,
    ],
  };
}

export async function listAudit(
  sql: SqlExecutor,
  filter: { subject?: string; action?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  const res = await sql.query<{
    id: number;
    at: Date;
    actor: string;
    action: string;
    subject: string | null;
    org_unit_id: string | null;
    details: Record<string, unknown>;
    correlation_id: string | null;
  }>(
    `SELECT * FROM audit_log WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR action = $2)
     ORDER BY id DESC LIMIT $3`,
    [filter.subject ?? null, filter.action ?? null, filter.limit ?? 100],
  );
  return res.rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    orgUnitId: r.org_unit_id,
    details: r.details,
    correlationId: r.correlation_id,
  }));
}

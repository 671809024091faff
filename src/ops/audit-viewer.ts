import type { SqlExecutor } from '../store/database.js';

export interface AuditQuery {
  actor?: string;
  /** Exact action, or a prefix ending in '.' (e.g. "submission."). */
  action?: string;
  orgUnitId?: string;
  /** Only these units (the caller's subtree); undefined = the whole province. */
  orgUnitIds?: string[];
  from?: Date;
  to?: Date;
  /** Keyset: entries with an id below this one (the previous page's nextCursor). */
  cursor?: string;
  limit: number;
}

export interface AuditView {
  id: string;
  seq: number | null;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  orgUnitId: string | null;
  ip: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
}

/**
 * Who did what, when, from where: the audit log newest first, filtered in SQL by user, unit,
 * action and time, in keyset pages (id below the cursor). The audit log is the store's own
 * table; names of actors and units are added by the service from identity and the catalog.
 */
export async function queryAudit(sql: SqlExecutor, q: AuditQuery): Promise<{ entries: AuditView[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: number) => string, value: unknown) => where.push(clause(params.push(value)));
  if (q.actor) add((n) => `a.actor = $${n}`, q.actor);
  if (q.action) {
    if (q.action.endsWith('.')) add((n) => `a.action LIKE $${n}`, `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
    else add((n) => `a.action = $${n}`, q.action);
  }
  if (q.orgUnitId) add((n) => `a.org_unit_id = $${n}`, q.orgUnitId);
  if (q.orgUnitIds) add((n) => `a.org_unit_id = ANY($${n}::text[])`, q.orgUnitIds);
  if (q.from) add((n) => `a.at >= $${n}`, q.from);
  if (q.to) add((n) => `a.at < $${n}`, q.to);
  if (q.cursor) add((n) => `a.id < $${n}::bigint`, q.cursor);
  const limitParam = params.push(q.limit + 1);
  const res = await sql.query<{
    id: string | number;
    seq: string | number | null;
    at: Date;
    actor: string;
    action: string;
    subject: string | null;
    org_unit_id: string | null;
    ip: string | null;
    correlation_id: string | null;
    details: Record<string, unknown>;
  }>(
    `SELECT a.id, a.seq, a.at, a.actor, a.action, a.subject, a.org_unit_id, a.ip, a.correlation_id, a.details
       FROM audit_log a
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.id DESC LIMIT $${limitParam}`,
    params,
  );
  const entries = res.rows.slice(0, q.limit).map((r) => ({
    id: String(r.id),
    seq: r.seq === null ? null : Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    orgUnitId: r.org_unit_id,
    ip: r.ip,
    correlationId: r.correlation_id,
    details: r.details ?? {},
  }));
  return { entries, nextCursor: res.rows.length > q.limit ? entries[entries.length - 1]!.id : null };
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Database, SqlExecutor } from './database.js';

export const AUDIT_GENESIS = '0'.repeat(64);

interface ChainRow {
  id: string | number;
  seq?: string | number | null;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  org_unit_id: string | null;
  details: unknown;
  correlation_id: string | null;
  ip: string | null;
  prev_hash?: string | null;
  hash?: string | null;
}

/** hash = sha256(prev + RFC 8785 of every field a person reads in the viewer). */
export function auditHash(prev: string, seq: number, r: ChainRow): string {
  const record = canonicalize({
    seq,
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    orgUnitId: r.org_unit_id,
    details: r.details ?? {},
    correlationId: r.correlation_id,
    ip: r.ip,
  });
  return createHash('sha256')
    .update(prev + (record ?? ''), 'utf8')
    .digest('hex');
}

const COLUMNS = 'id, seq, at, actor, action, subject, org_unit_id, details, correlation_id, ip, prev_hash, hash';

/** Seals up to `limit` unsealed entries (in id order) into the chain; one sealer at a time (head row lock). */
export async function sealAudit(db: Database, limit = 2000): Promise<number> {
  return db.transaction(async (tx) => {
    const head = (await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE'))
      .rows[0]!;
    const rows = (await tx.query<ChainRow>(`SELECT ${COLUMNS} FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1`, [limit])).rows;
    if (rows.length === 0) return 0;
    let seq = Number(head.seq);
    let hash = head.hash;
    const sealed = rows.map((r) => {
      seq += 1;
      const next = auditHash(hash, seq, r);
      const row = { id: String(r.id), seq, prev_hash: hash, hash: next };
      hash = next;
      return row;
    });
    await tx.query(
      `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
         FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, seq bigint, prev_hash text, hash text) WHERE a.id = v.id`,
      [JSON.stringify(sealed)],
    );
    await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, hash]);
    return sealed.length;
  });
}

export async function sealAllAudit(db: Database): Promise<number> {
  let total = 0;
  for (let n = await sealAudit(db); n > 0; n = await sealAudit(db)) total += n;
  return total;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** Entries not sealed yet (not covered by this check). */
  pending: number;
  firstBad?: { seq: number; problem: 'ALTERED' | 'MISSING' };
}

/** Recomputes the chain in seq order (pages of 5,000); the first altered or missing entry fails it. */
export async function verifyAudit(sql: SqlExecutor): Promise<AuditVerifyResult> {
  const head = (await sql.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0]!;
  const pending = Number((await sql.query<{ n: string | number }>('SELECT count(*) AS n FROM audit_log WHERE seq IS NULL')).rows[0]!.n);
  const last = Number(head.seq);
  let prev = AUDIT_GENESIS;
  let expected = 1;
  for (;;) {
    const rows = (await sql.query<ChainRow>(`SELECT ${COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 5000`, [expected])).rows;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expected) return { ok: false, checked: expected - 1, pending, firstBad: { seq: expected, problem: 'MISSING' } };
      if (r.prev_hash !== prev || auditHash(prev, seq, r) !== r.hash) {
        return { ok: false, checked: expected - 1, pending, firstBad: { seq, problem: 'ALTERED' } };
      }
      prev = r.hash!;
      expected += 1;
    }
    if (rows.length < 5000) break;
  }
  if (expected - 1 !== last) return { ok: false, checked: expected - 1, pending, firstBad: { seq: expected, problem: 'MISSING' } };
  if (last > 0 && prev !== head.hash) return { ok: false, checked: last - 1, pending, firstBad: { seq: last, problem: 'ALTERED' } };
  return { ok: true, checked: last, pending };
}

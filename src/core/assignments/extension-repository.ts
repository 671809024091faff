import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../../store/database.js';

export type ExtensionStatus = 'pending' | 'granted' | 'refused';

/** Đề nghị gia hạn: one request for more days on one assignment, and its decision. */
export interface ExtensionRequest {
  id: string;
  assignmentId: string;
  requestedUntil: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: ExtensionStatus;
  grantedUntil: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

interface Row {
  id: string;
  assignment_id: string;
  requested_until: string;
  reason: string;
  requested_by: string;
  requested_at: Date;
  status: ExtensionStatus;
  granted_until: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

const COLUMNS =
  'e.id, e.assignment_id, e.requested_until, e.reason, e.requested_by, e.requested_at, e.status, e.granted_until, e.decision_note, e.decided_by, e.decided_at';

const toRequest = (r: Row): ExtensionRequest => ({
  id: r.id,
  assignmentId: r.assignment_id,
  requestedUntil: r.requested_until,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  grantedUntil: r.granted_until,
  decisionNote: r.decision_note,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
});

export class ExtensionRepository {
  constructor(private readonly db: SqlExecutor) {}

  with(tx: SqlExecutor): ExtensionRepository {
    return new ExtensionRepository(tx);
  }

  /** Inserts a pending request; null when one is already pending (the partial unique index). */
  async insert(assignmentId: string, until: string, reason: string, by: string, at: Date): Promise<ExtensionRequest | null> {
    const r = await this.db.query<Row>(
      `INSERT INTO assignment_extensions AS e (id, assignment_id, requested_until, reason, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (assignment_id) WHERE status = 'pending' DO NOTHING
       RETURNING ${COLUMNS}`,
      [randomUUID(), assignmentId, until, reason, by, at],
    );
    return r.rows[0] ? toRequest(r.rows[0]) : null;
  }

  async get(id: string, forUpdate = false): Promise<ExtensionRequest | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM assignment_extensions e WHERE e.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return r.rows[0] ? toRequest(r.rows[0]) : null;
  }

  /** Every request of one assignment, oldest first (its page shows the whole story). */
  async ofAssignment(assignmentId: string): Promise<ExtensionRequest[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM assignment_extensions e WHERE e.assignment_id = $1 ORDER BY e.requested_at, e.id`,
      [assignmentId],
    );
    return r.rows.map(toRequest);
  }

  /** Requests of the given units' assignments, by status, oldest first (the decider's list). */
  async ofUnits(orgUnitIds: string[], status: ExtensionStatus | undefined, limit: number): Promise<ExtensionRequest[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM assignment_extensions e JOIN assignments a ON a.id = e.assignment_id
        WHERE a.org_unit_id = ANY($1::text[]) AND ($2::text IS NULL OR e.status = $2)
        ORDER BY e.requested_at, e.id LIMIT $3`,
      [orgUnitIds, status ?? null, limit],
    );
    return r.rows.map(toRequest);
  }

  /** Requests asked or decided at or after `since`, oldest first (the notification watcher's read). */
  async changedSince(since: Date, limit: number): Promise<ExtensionRequest[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM assignment_extensions e
        WHERE e.requested_at >= $1 OR e.decided_at >= $1
        ORDER BY greatest(e.requested_at, coalesce(e.decided_at, e.requested_at)), e.id LIMIT $2`,
      [since, limit],
    );
    return r.rows.map(toRequest);
  }

  async decide(
    id: string,
    status: 'granted' | 'refused',
    grantedUntil: string | null,
    note: string | null,
    by: string,
    at: Date,
  ): Promise<void> {
    await this.db.query(
      'UPDATE assignment_extensions SET status = $2, granted_until = $3, decision_note = $4, decided_by = $5, decided_at = $6 WHERE id = $1',
      [id, status, grantedUntil, note, by, at],
    );
  }
}

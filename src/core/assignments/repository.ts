import { randomUUID } from 'node:crypto';
import type { ReportPeriod } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import type { Assignment, AssignmentStatus, PlannedAssignment } from './types.js';

interface Row {
  id: string;
  regime_code: string;
  form_code: string;
  org_unit_id: string;
  period_key: string;
  period: ReportPeriod;
  deadline: string | null;
  extended_until: string | null;
  status: AssignmentStatus;
  parent_assignment_id: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
  status_note: string | null;
  created_at: Date;
}

const COLUMNS =
  'id, regime_code, form_code, org_unit_id, period_key, period, deadline, extended_until, status, parent_assignment_id, opened_at, closed_at, status_note, created_at';

function toAssignment(r: Row): Assignment {
  return {
    id: r.id,
    regimeCode: r.regime_code,
    formCode: r.form_code,
    orgUnitId: r.org_unit_id,
    periodKey: r.period_key,
    period: r.period,
    deadline: r.deadline,
    extendedUntil: r.extended_until,
    status: r.status,
    parentAssignmentId: r.parent_assignment_id,
    openedAt: r.opened_at ? r.opened_at.toISOString() : null,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    statusNote: r.status_note,
    createdAt: r.created_at.toISOString(),
  };
}

export interface AssignmentFilter {
  orgUnitIds?: string[];
  periodKey?: string;
  regimeCode?: string;
  formCode?: string;
}

export class AssignmentRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Period keys that have assignments, latest key first. */
  async periodKeys(limit: number): Promise<string[]> {
    const res = await this.db.query<{ period_key: string }>(
      'SELECT DISTINCT period_key FROM assignments ORDER BY period_key DESC LIMIT $1',
      [limit],
    );
    return res.rows.map((r) => r.period_key);
  }

  with(tx: SqlExecutor): AssignmentRepository {
    return new AssignmentRepository(tx);
  }

  async get(id: string): Promise<Assignment | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM assignments WHERE id = $1`, [id]);
    return r.rows[0] ? toAssignment(r.rows[0]) : null;
  }

  async list(filter: AssignmentFilter = {}): Promise<Assignment[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.orgUnitIds) where.push(`org_unit_id = ANY($${params.push(filter.orgUnitIds)}::text[])`);
    if (filter.periodKey) where.push(`period_key = $${params.push(filter.periodKey)}`);
    if (filter.regimeCode) where.push(`regime_code = $${params.push(filter.regimeCode)}`);
    if (filter.formCode) where.push(`form_code = $${params.push(filter.formCode)}`);
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM assignments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_key, form_code, org_unit_id`,
      params,
    );
    return r.rows.map(toAssignment);
  }

  /**
   * Inserts what does not exist yet (unique form × unit × period) and returns only the new rows,
   * in planned order. One statement for the whole plan, however many units a regime reaches.
   */
  async insertNew(planned: PlannedAssignment[], period: ReportPeriod, at: Date): Promise<Assignment[]> {
    if (planned.length === 0) return [];
    const rows = planned.map((p, ord) => ({
      id: randomUUID(),
      regime_code: p.regimeCode,
      form_code: p.formCode,
      org_unit_id: p.orgUnitId,
      period_key: p.periodKey,
      deadline: p.deadline,
      parent_assignment_id: p.parentAssignmentId,
      ord,
    }));
    const r = await this.db.query<Row>(
      `INSERT INTO assignments (id, regime_code, form_code, org_unit_id, period_key, period, deadline, status, parent_assignment_id, created_at)
       SELECT p.id, p.regime_code, p.form_code, p.org_unit_id, p.period_key, $2::jsonb, p.deadline, 'open', p.parent_assignment_id, $3::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS p(id text, regime_code text, form_code text, org_unit_id text, period_key text,
              deadline text, parent_assignment_id text, ord int)
        ORDER BY p.ord
       ON CONFLICT (form_code, org_unit_id, period_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [JSON.stringify(rows), JSON.stringify(period), at],
    );
    const order = new Map<string, number>(rows.map((row) => [row.id, row.ord]));
    return r.rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(toAssignment);
  }

  /** The day a granted extension runs to (the lock reads it with the assignment, one row). */
  async extend(id: string, until: string): Promise<void> {
    await this.db.query('UPDATE assignments SET extended_until = $2 WHERE id = $1', [id, until]);
  }

  async setStatus(id: string, status: AssignmentStatus, note: string, by: string, at: Date): Promise<void> {
    const stamp = status === 'open' ? 'opened_at' : 'closed_at';
    await this.db.query(`UPDATE assignments SET status = $2, ${stamp} = $3, status_note = $4 WHERE id = $1`, [id, status, at, note]);
    await this.db.query(
      'INSERT INTO assignment_status_changes (assignment_id, status, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)',
      [id, status, note, by, at],
    );
  }
}

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
  status: AssignmentStatus;
  parent_assignment_id: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
  status_note: string | null;
  created_at: Date;
}

const COLUMNS =
  'id, regime_code, form_code, org_unit_id, period_key, period, deadline, status, parent_assignment_id, opened_at, closed_at, status_note, created_at';

function toAssignment(r: Row): Assignment {
  return {
    id: r.id,
    regimeCode: r.regime_code,
    formCode: r.form_code,
    orgUnitId: r.org_unit_id,
    periodKey: r.period_key,
    period: r.period,
    deadline: r.deadline,
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

  /** Inserts what does not exist yet (unique form × unit × period) and returns only the new rows. */
  async insertNew(planned: PlannedAssignment[], period: ReportPeriod, at: Date): Promise<Assignment[]> {
    const created: Assignment[] = [];
    for (const p of planned) {
      const r = await this.db.query<Row>(
        `INSERT INTO assignments (id, regime_code, form_code, org_unit_id, period_key, period, deadline, status, parent_assignment_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'open', $8, $9)
         ON CONFLICT (form_code, org_unit_id, period_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [randomUUID(), p.regimeCode, p.formCode, p.orgUnitId, p.periodKey, JSON.stringify(period), p.deadline, p.parentAssignmentId, at],
      );
      if (r.rows[0]) created.push(toAssignment(r.rows[0]));
    }
    return created;
  }

  async setStatus(id: string, status: AssignmentStatus, note: string, by: string, at: Date): Promise<void> {
    const stamp = status === 'open' ? 'opened_at' : 'closed_at';
    await this.db.query(`UPDATE assignments SET status = $2, ${stamp} = $3, status_note = $4 WHERE id = $1`, [id, status, at, note]);
    await this.db.query('INSERT INTO assignment_status_changes (assignment_id, status, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)', [
      id,
      status,
      note,
      by,
      at,
    ]);
  }
}

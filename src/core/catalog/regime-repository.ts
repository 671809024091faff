import type { PeriodKind } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import type { RegimeRouting } from '../submissions/routing.js';
import type { RegimeAssignees, RegimeDeadlineRule, RegimeType, ReportRegime } from './types.js';

interface Row {
  code: string;
  name: string;
  type: RegimeType;
  period_kinds: PeriodKind[];
  deadline_rule: RegimeDeadlineRule;
  assignees: RegimeAssignees;
  receiver_org_unit_id: string | null;
  auto_dispatch: boolean;
  national: boolean;
  routing: RegimeRouting | null;
  timeliness_step: 'sent' | 'submitted' | null;
  sample: boolean;
  form_codes: string[] | null;
}

const COLUMNS =
  'code, name, type, period_kinds, deadline_rule, assignees, receiver_org_unit_id, auto_dispatch, national, sample, routing, timeliness_step';

function toRegime(r: Row): ReportRegime {
  return {
    code: r.code,
    name: r.name,
    type: r.type,
    periodKinds: r.period_kinds,
    deadlineRule: r.deadline_rule,
    assignees: r.assignees,
    receiverOrgUnitId: r.receiver_org_unit_id,
    autoDispatch: r.auto_dispatch,
    national: r.national,
    routing: r.routing ?? {},
    timelinessStep: r.timeliness_step ?? 'sent',
    sample: r.sample,
    formCodes: r.form_codes ?? [],
  };
}

// The regime's forms are the forms pointing at it; aggregated in SQL so one query answers.
const SELECT = `SELECT ${COLUMNS.split(', ')
  .map((c) => `r.${c}`)
  .join(', ')},
  (SELECT json_agg(f.code ORDER BY f.code) FROM forms f WHERE f.regime_code = r.code) AS form_codes
  FROM report_regimes r`;

export class RegimeRepository {
  constructor(private readonly db: SqlExecutor) {}

  with(tx: SqlExecutor): RegimeRepository {
    return new RegimeRepository(tx);
  }

  async get(code: string): Promise<ReportRegime | null> {
    const r = await this.db.query<Row>(`${SELECT} WHERE r.code = $1`, [code]);
    return r.rows[0] ? toRegime(r.rows[0]) : null;
  }

  async list(): Promise<ReportRegime[]> {
    const r = await this.db.query<Row>(`${SELECT} ORDER BY r.code`);
    return r.rows.map(toRegime);
  }

  async insert(g: ReportRegime, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO report_regimes (${COLUMNS}, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $12::jsonb, $13, $11, $11)`,
      [
        g.code,
        g.name,
        g.type,
        JSON.stringify(g.periodKinds),
        JSON.stringify(g.deadlineRule),
        JSON.stringify(g.assignees),
        g.receiverOrgUnitId,
        g.autoDispatch,
        g.national,
        g.sample,
        at,
        JSON.stringify(g.routing),
        g.timelinessStep,
      ],
    );
  }

  /** Writes the regime's dispatch settings (what is absent stays); false when there is no such regime. */
  async updateDispatch(code: string, change: { autoDispatch?: boolean; routing?: RegimeRouting }, at: Date): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE report_regimes SET auto_dispatch = COALESCE($2, auto_dispatch), routing = COALESCE($3::jsonb, routing), updated_at = $4
        WHERE code = $1`,
      [code, change.autoDispatch ?? null, change.routing ? JSON.stringify(change.routing) : null, at],
    );
    return r.rowCount > 0;
  }
}

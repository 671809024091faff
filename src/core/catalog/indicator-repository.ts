import type { PeriodKind } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import type { Indicator, IndicatorCatalog, IndicatorField, IndicatorFilter } from './types.js';

interface Row {
  code: string;
  name: string;
  unit: string;
  method: string;
  periodicity: PeriodKind[];
  responsible_org_unit_id: string | null;
  catalog: IndicatorCatalog;
  field: IndicatorField;
  ministry_code: string | null;
  disaggregations: string[];
  template: boolean;
  sample: boolean;
}

const COLUMNS =
  'code, name, unit, method, periodicity, responsible_org_unit_id, catalog, field, ministry_code, disaggregations, template, sample';

function toIndicator(r: Row): Indicator {
  return {
    code: r.code,
    name: r.name,
    unit: r.unit,
    method: r.method,
    periodicity: r.periodicity,
    responsibleOrgUnitId: r.responsible_org_unit_id,
    catalog: r.catalog,
    field: r.field,
    ministryCode: r.ministry_code,
    disaggregations: r.disaggregations,
    template: r.template,
    sample: r.sample,
  };
}

export class IndicatorRepository {
  constructor(private readonly db: SqlExecutor) {}

  with(tx: SqlExecutor): IndicatorRepository {
    return new IndicatorRepository(tx);
  }

  async get(code: string): Promise<Indicator | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM indicators WHERE code = $1`, [code]);
    return r.rows[0] ? toIndicator(r.rows[0]) : null;
  }

  /** The indicators among `codes` that exist, by code. */
  async getMany(codes: string[]): Promise<Map<string, Indicator>> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM indicators WHERE code = ANY($1::text[])`, [codes]);
    return new Map(r.rows.map((row) => [row.code, toIndicator(row)]));
  }

  async list(filter: IndicatorFilter = {}): Promise<Indicator[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.catalog) add('catalog = ?', filter.catalog);
    if (filter.field) add('field = ?', filter.field);
    if (filter.template !== undefined) add('template = ?', filter.template);
    if (filter.ministryCode) add('ministry_code = ?', filter.ministryCode);
    if (filter.q) {
      params.push(`%${filter.q.toLowerCase()}%`);
      where.push(`(lower(code) LIKE $${params.length} OR lower(name) LIKE $${params.length})`);
    }
    const sql = `SELECT ${COLUMNS} FROM indicators ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code`;
    const r = await this.db.query<Row>(sql, params);
    return r.rows.map(toIndicator);
  }

  async upsert(i: Indicator, at: Date): Promise<'created' | 'updated'> {
    const r = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO indicators (${COLUMNS}, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $13)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, method = EXCLUDED.method, periodicity = EXCLUDED.periodicity,
         responsible_org_unit_id = EXCLUDED.responsible_org_unit_id, catalog = EXCLUDED.catalog, field = EXCLUDED.field,
         ministry_code = EXCLUDED.ministry_code, disaggregations = EXCLUDED.disaggregations, template = EXCLUDED.template,
         sample = EXCLUDED.sample, updated_at = EXCLUDED.updated_at
       RETURNING (xmax = 0) AS inserted`,
      [
        i.code,
        i.name,
        i.unit,
        i.method,
        JSON.stringify(i.periodicity),
        i.responsibleOrgUnitId,
        i.catalog,
        i.field,
        i.ministryCode,
        JSON.stringify(i.disaggregations),
        i.template,
        i.sample,
        at,
      ],
    );
    return r.rows[0]?.inserted ? 'created' : 'updated';
  }
}

import type { SqlExecutor } from '../../store/database.js';
import type { FormDefinition, FormType } from './types.js';

interface Row {
  code: string;
  name: string;
  type: FormType;
  regime_code: string | null;
  definition: Pick<FormDefinition, 'rows' | 'columns' | 'constraints' | 'plausibility' | 'narrative'> & { list?: FormDefinition['list'] };
  template: boolean;
  sample: boolean;
}

function toForm(r: Row): FormDefinition {
  return {
    code: r.code,
    name: r.name,
    type: r.type,
    regimeCode: r.regime_code,
    ...r.definition,
    list: r.definition.list ?? null,
    template: r.template,
    sample: r.sample,
  };
}

const COLUMNS = 'code, name, type, regime_code, definition, template, sample';

export class FormRepository {
  constructor(private readonly db: SqlExecutor) {}

  with(tx: SqlExecutor): FormRepository {
    return new FormRepository(tx);
  }

  async get(code: string): Promise<FormDefinition | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM forms WHERE code = $1`, [code]);
    return r.rows[0] ? toForm(r.rows[0]) : null;
  }

  async list(filter: { regimeCode?: string; template?: boolean } = {}): Promise<FormDefinition[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.regimeCode !== undefined) where.push(`regime_code = $${params.push(filter.regimeCode)}`);
    if (filter.template !== undefined) where.push(`template = $${params.push(filter.template)}`);
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM forms ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code`,
      params,
    );
    return r.rows.map(toForm);
  }

  async insert(f: FormDefinition, at: Date): Promise<void> {
    const definition = {
      rows: f.rows,
      columns: f.columns,
      constraints: f.constraints,
      ...(f.plausibility?.length ? { plausibility: f.plausibility } : {}),
      narrative: f.narrative,
      ...(f.list ? { list: f.list } : {}),
    };
    await this.db.query(`INSERT INTO forms (${COLUMNS}, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $8)`, [
      f.code,
      f.name,
      f.type,
      f.regimeCode,
      JSON.stringify(definition),
      f.template,
      f.sample,
      at,
    ]);
  }
}

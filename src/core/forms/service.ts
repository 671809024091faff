import type { Database } from '../../store/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { IndicatorRepository } from '../catalog/indicator-repository.js';
import { assertSameUnit } from '../catalog/indicator-rules.js';
import { toFormDefinition } from './form-rules.js';
import { FormRepository } from './repository.js';
import type { FormCellValue, FormDefinition, NewForm, Violation } from './types.js';
import { validateFormValues } from './validate-values.js';

/** Forms (biểu mẫu) and the form library (kho báo cáo mẫu). */
export class FormService {
  readonly repo: FormRepository;

  constructor(
    private readonly db: Database,
    private readonly indicators: IndicatorRepository,
    private readonly now: () => Date,
  ) {
    this.repo = new FormRepository(db);
  }

  async get(code: string): Promise<FormDefinition | null> {
    return this.repo.get(code);
  }

  async require(code: string): Promise<FormDefinition> {
    const f = await this.repo.get(code);
    if (!f) throw new NotFoundError('FORM_NOT_FOUND', `No form "${code}"`, { code });
    return f;
  }

  async list(filter: { regimeCode?: string; template?: boolean } = {}): Promise<FormDefinition[]> {
    return this.repo.list(filter);
  }

  /** Rows must be catalog indicators, in the indicator's own unit (same code → same unit). */
  async create(input: NewForm): Promise<FormDefinition> {
    const form = toFormDefinition(input);
    const indicators = await this.indicators.getMany(form.rows.map((r) => r.indicatorCode));
    for (const row of form.rows) {
      const indicator = indicators.get(row.indicatorCode);
      if (!indicator) {
        throw new ValidationError('FORM_INDICATOR_UNKNOWN', `Row ${row.indicatorCode} is not a catalog indicator`, {
          row: row.indicatorCode,
        });
      }
      assertSameUnit(indicator, { ...indicator, unit: row.unit });
    }
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (await repo.get(form.code)) throw new ConflictError('FORM_EXISTS', `Form ${form.code} already exists`, { code: form.code });
      if (form.regimeCode) {
        const r = await tx.query('SELECT 1 FROM report_regimes WHERE code = $1', [form.regimeCode]);
        if (r.rowCount === 0)
          throw new NotFoundError('REGIME_NOT_FOUND', `No report regime "${form.regimeCode}"`, { code: form.regimeCode });
      }
      await repo.insert(form, this.now());
      return form;
    });
  }

  /** Copies a template form from the library into a regime under a new code. */
  async instantiate(templateCode: string, code: string, regimeCode: string): Promise<FormDefinition> {
    const template = await this.require(templateCode);
    return this.create({ ...template, code, regimeCode, template: false });
  }

  async validateValues(formCode: string, values: FormCellValue[]): Promise<Violation[]> {
    return validateFormValues(await this.require(formCode), values);
  }
}

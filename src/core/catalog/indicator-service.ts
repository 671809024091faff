import type { Database } from '../../store/database.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { IndicatorRepository } from './indicator-repository.js';
import { assertSameUnit, toIndicator } from './indicator-rules.js';
import type { Indicator, IndicatorFilter, IndicatorPatch, NewIndicator } from './types.js';

export interface ImportResult {
  created: string[];
  updated: string[];
}

/** Indicators (chỉ tiêu) and the indicator library (templates). */
export class IndicatorService {
  readonly repo: IndicatorRepository;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.repo = new IndicatorRepository(db);
  }

  async get(code: string): Promise<Indicator | null> {
    return this.repo.get(code);
  }

  async require(code: string): Promise<Indicator> {
    const i = await this.repo.get(code);
    if (!i) throw new NotFoundError('INDICATOR_NOT_FOUND', `No indicator "${code}"`, { code });
    return i;
  }

  async list(filter: IndicatorFilter = {}): Promise<Indicator[]> {
    return this.repo.list(filter);
  }

  /** The indicator library (kho chỉ tiêu mẫu). */
  async library(): Promise<Indicator[]> {
    return this.repo.list({ template: true });
  }

  async create(input: NewIndicator): Promise<Indicator> {
    const indicator = toIndicator(input);
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const existing = await repo.get(indicator.code);
      if (existing) {
        assertSameUnit(existing, indicator);
        throw new ConflictError('INDICATOR_EXISTS', `Indicator ${indicator.code} already exists`, { code: indicator.code });
      }
      await repo.upsert(indicator, this.now());
      return indicator;
    });
  }

  /** Changes anything but the code and the unit (those are the concept's identity). */
  async update(code: string, patch: IndicatorPatch): Promise<Indicator> {
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const existing = await repo.get(code);
      if (!existing) throw new NotFoundError('INDICATOR_NOT_FOUND', `No indicator "${code}"`, { code });
      const next = toIndicator({ ...existing, ...patch, code, unit: existing.unit });
      await repo.upsert(next, this.now());
      return next;
    });
  }

  /**
   * Imports a catalog (JSON array, or rows parsed from CSV) all or nothing: new codes are
   * created, known codes updated, and any code redefined with another unit fails the import.
   */
  async import(inputs: NewIndicator[]): Promise<ImportResult> {
    const indicators = inputs.map(toIndicator);
    const seen = new Map<string, string>();
    for (const i of indicators) {
      const unit = seen.get(i.code);
      if (unit !== undefined && unit !== i.unit) {
        throw new ConflictError('INDICATOR_UNIT_CONFLICT', `Indicator ${i.code} appears twice with different units`, { code: i.code });
      }
      seen.set(i.code, i.unit);
    }
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const result: ImportResult = { created: [], updated: [] };
      for (const i of indicators) {
        const existing = await repo.get(i.code);
        if (existing) assertSameUnit(existing, i);
        const outcome = await repo.upsert(i, this.now());
        result[outcome].push(i.code);
      }
      return result;
    });
  }
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeriodKind } from '../../core/approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import type { CatalogForm, CatalogIndicator } from './check.js';

/** Default catalog the check compares against: the demo catalog shipped in fixtures/. */
export const DEFAULT_CATALOG_FILE = 'fixtures/catalog/indicators.sample.json';
export const DEFAULT_REGIMES_DIR = 'fixtures/regimes';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ValidationError('CATALOG_FILE_INVALID', `${file}: ${(err as Error).message}`, { file });
  }
}

/** The indicator catalog as JSON (the array `POST /api/v1/indicators/import` takes). */
export function readCatalogIndicators(file: string): CatalogIndicator[] {
  const data = readJson(file);
  if (!Array.isArray(data)) throw new ValidationError('CATALOG_FILE_INVALID', `${file}: expected a JSON array of indicators`, { file });
  return data.map((row: unknown, i) => {
    const r = row as Partial<CatalogIndicator>;
    if (typeof r.code !== 'string' || typeof r.unit !== 'string' || !Array.isArray(r.periodicity)) {
      throw new ValidationError('CATALOG_FILE_INVALID', `${file}: indicator #${i} needs code, unit and periodicity`, { file, index: i });
    }
    return { code: r.code, unit: r.unit, periodicity: r.periodicity, disaggregations: r.disaggregations ?? [] };
  });
}

interface RegimeFile {
  regime: { code: string; national?: boolean; periodKinds?: PeriodKind[] };
  forms: { code: string; rows?: { indicatorCode: string; unit: string }[]; columns?: { code: string }[] }[];
}

/** Regime files ({regime, forms}) as in fixtures/regimes/. */
export function readRegimeForms(dir: string): CatalogForm[] {
  if (!existsSync(dir)) return [];
  const out: CatalogForm[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    const data = readJson(file) as Partial<RegimeFile>;
    if (!data.regime || !Array.isArray(data.forms)) {
      throw new ValidationError('CATALOG_FILE_INVALID', `${file}: expected {regime, forms}`, { file });
    }
    for (const f of data.forms) {
      out.push({
        code: f.code,
        regimeCode: data.regime.code,
        national: data.regime.national !== false,
        periodKinds: data.regime.periodKinds ?? [],
        rows: f.rows ?? [],
        columns: f.columns ?? [],
      });
    }
  }
  return out;
}

import { parse } from 'csv-parse/sync';
import type { PeriodKind } from '../approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import type { IndicatorCatalog, IndicatorField, NewIndicator } from './types.js';

/**
 * Reads an indicator catalog from CSV with a header row:
 * code,name,unit,method,periodicity,catalog,field,ministryCode,responsibleOrgUnitId,disaggregations,template,sample
 * (lists separated by "|"), so the real QĐ 293 annex can be dropped in as a spreadsheet export.
 */
export function parseIndicatorsCsv(text: string): NewIndicator[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    throw new ValidationError('CSV_INVALID', `Indicator CSV cannot be parsed: ${(err as Error).message}`);
  }
  const list = (s: string | undefined) =>
    s
      ? s
          .split('|')
          .map((x) => x.trim())
          .filter(Boolean)
      : [];
  return records.map((r, i) => {
    for (const k of ['code', 'name', 'unit', 'catalog', 'field'] as const) {
      if (!r[k]) throw new ValidationError('CSV_INVALID', `Row ${i + 2}: column "${k}" is empty`, { row: i + 2, column: k });
    }
    return {
      code: r.code!,
      name: r.name!,
      unit: r.unit!,
      method: r.method ?? '',
      periodicity: list(r.periodicity) as PeriodKind[],
      catalog: r.catalog as IndicatorCatalog,
      field: r.field as IndicatorField,
      ministryCode: r.ministryCode || null,
      responsibleOrgUnitId: r.responsibleOrgUnitId || null,
      disaggregations: list(r.disaggregations),
      template: r.template === 'true',
      sample: r.sample === 'true',
    };
  });
}

import type { CoreServices } from '../../core/core-services.js';
import { parseIndicatorsCsv } from '../../core/catalog/indicator-csv.js';
import { assertSameUnit, toIndicator } from '../../core/catalog/indicator-rules.js';
import type { NewIndicator } from '../../core/catalog/types.js';
import { assertContract } from '../../shared/contracts.js';
import { isAppError } from '../../shared/errors.js';
import type { ImportConflict, ImportCounts, ImportOptions } from '../types.js';
import { recordsToCsv, type TabularRecord } from './tabular.js';

const INDICATOR_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/api/core/indicator.schema.json';

function conflictOf(line: number, err: unknown): ImportConflict {
  if (!isAppError(err)) throw err;
  return { row: line, code: err.code, message: err.message, ...(err.details ? { details: err.details as Record<string, unknown> } : {}) };
}

/**
 * Imports an indicator catalog file (CSV or xlsx, the core's CSV columns) into the core
 * catalog through IndicatorService.import, which is all or nothing. Every row is checked first
 * (contract, Unicode text, same unit as an existing code) so the summary names each bad line;
 * with conflicts an atomic import stores nothing, a partial one imports the clean rows.
 */
export async function importIndicatorRecords(
  core: CoreServices,
  records: TabularRecord[],
  options: ImportOptions,
): Promise<{ counts: ImportCounts; conflicts: ImportConflict[] }> {
  const parsed = records.length === 0 ? [] : parseIndicatorsCsv(recordsToCsv(records));
  const conflicts: ImportConflict[] = [];
  const clean: NewIndicator[] = [];
  const seen = new Map<string, number>();
  // The catalog once per file, not one query per row (and again per row for a dry run).
  const known = new Map(parsed.length === 0 ? [] : (await core.indicators.list()).map((i) => [i.code, i]));
  for (const [i, input] of parsed.entries()) {
    const line = records[i]!.line;
    const first = seen.get(input.code);
    if (first !== undefined) {
      conflicts.push({
        row: line,
        code: 'DUPLICATE_ROW',
        message: `Line ${line} repeats indicator ${input.code} of line ${first}`,
        details: { firstRow: first },
      });
      continue;
    }
    seen.set(input.code, line);
    try {
      assertContract(INDICATOR_SCHEMA_ID, input, 'INDICATOR_INVALID');
      const indicator = toIndicator(input);
      const existing = known.get(indicator.code);
      if (existing) assertSameUnit(existing, indicator);
      clean.push(input);
    } catch (err) {
      conflicts.push(conflictOf(line, err));
    }
  }
  const total = parsed.length;
  if ((options.atomic && conflicts.length > 0) || clean.length === 0)
    return { counts: { imported: 0, updated: 0, ignored: total }, conflicts };
  if (options.dryRun) {
    const updated = clean.filter((i) => known.has(i.code)).length;
    return { counts: { imported: clean.length - updated, updated, ignored: conflicts.length }, conflicts };
  }
  const result = await core.indicators.import(clean);
  return { counts: { imported: result.created.length, updated: result.updated.length, ignored: conflicts.length }, conflicts };
}

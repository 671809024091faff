import { readFileSync } from 'node:fs';
import { assertContract } from '../../shared/contracts.js';
import { ValidationError } from '../../shared/errors.js';
import { coreSchema } from '../schema-ids.js';
import { parseIndicatorsCsv } from './indicator-csv.js';
import type { NewIndicator } from './types.js';

/**
 * An indicator catalog as CSV (the QĐ 293 annex exported from a spreadsheet) or a JSON array,
 * checked against the same contract as the API import so both fail alike.
 */
export function parseIndicatorCatalog(text: string, format: 'csv' | 'json'): NewIndicator[] {
  let rows: unknown;
  if (format === 'csv') rows = parseIndicatorsCsv(text);
  else {
    try {
      rows = JSON.parse(text);
    } catch (err) {
      throw new ValidationError('JSON_INVALID', `Indicator JSON cannot be parsed: ${(err as Error).message}`);
    }
  }
  return assertContract<NewIndicator[]>(coreSchema('import-indicators'), rows, 'REQUEST_INVALID');
}

export function readIndicatorCatalogFile(path: string): NewIndicator[] {
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : path.toLowerCase().endsWith('.json') ? 'json' : null;
  if (!format) throw new ValidationError('FILE_TYPE_UNSUPPORTED', `Expected a .csv or .json file, got ${path}`, { path });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError('FILE_UNREADABLE', `Cannot read ${path}: ${(err as Error).message}`, { path });
  }
  return parseIndicatorCatalog(text, format);
}

import { ValidationError } from '../../shared/errors.js';
import type { InboundBatch, InboundRow } from '../types.js';
import type { TabularRecord } from './tabular.js';

/** Columns of a values file; codes and units are the source ministry's, as in a push. */
export const VALUE_COLUMNS = ['orgCode', 'indicatorCode', 'period', 'column', 'value', 'unit', 'disaggregation'] as const;
const REQUIRED = ['orgCode', 'indicatorCode', 'period', 'value'] as const;

/** "CAY=LUA;KV=TT" → { CAY: 'LUA', KV: 'TT' }; a malformed pair is kept whole so the mapping names it. */
function parseDisaggregation(text: string): Record<string, string> | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) out[part] = '';
    else out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * A values file (CSV or first xlsx sheet) as an inbound batch. Rows are numbered by their file
 * line so conflicts point at the spreadsheet line a person fixes. A missing column is a file
 * error (nothing imported); an empty cell in a required column is a row conflict downstream.
 */
export function batchFromValueRecords(records: TabularRecord[]): InboundBatch {
  const header = new Set(records.flatMap((r) => Object.keys(r.cells)));
  const missing = REQUIRED.filter((c) => !header.has(c));
  if (records.length > 0 && missing.length > 0) {
    throw new ValidationError(
      'FILE_COLUMNS_MISSING',
      `The file lacks the column(s) ${missing.join(', ')}; expected ${VALUE_COLUMNS.join(', ')}`,
      { missing, expected: VALUE_COLUMNS },
    );
  }
  const rows: InboundRow[] = records.map(({ line, cells }) => {
    const row: InboundRow = {
      row: line,
      indicatorCode: cells.indicatorCode ?? '',
      value: cells.value === undefined || cells.value === '' ? null : cells.value,
    };
    if (cells.orgCode) row.orgCode = cells.orgCode;
    if (cells.period) row.period = { key: cells.period };
    if (cells.column) row.column = cells.column;
    if (cells.unit) row.unit = cells.unit;
    const d = parseDisaggregation(cells.disaggregation ?? '');
    if (d) row.disaggregation = d;
    return row;
  });
  return { rows };
}

import type { ApiSchema } from '../../../shared/api-client.js';
import type { PasteRow } from './list-paste.js';
import { toText, type ListSpec } from './list-values.js';

export type ListXlsxRead = ApiSchema<'ListXlsxRead'>;

export interface ImportResult {
  rows: PasteRow[];
  added: number;
  /** Records of the file whose key (the list's key column) was in the list: their row took the file's values. */
  replaced: number;
  /** Records left out: the list would pass its maximum number of records. */
  dropped: number;
  /** Keys of the rows the file wrote (added or replaced). */
  touched: Set<number>;
  /** The import's message of each cell that did not read, by `${row key}|${column}`. */
  errors: Map<string, string>;
}

export const importKey = (rowKey: number, column: string) => `${rowKey}|${column}`;

/**
 * The records of an uploaded workbook merged into the editor's rows: a record whose key is
 * already in the list replaces that row's cells (uploading a corrected file again changes the
 * rows, it does not double them); the others are added at the end, up to the list's maximum.
 * Cells that did not read hold the text as written, so the list's rules flag them as well.
 */
export function mergeImported(spec: ListSpec, rows: readonly PasteRow[], read: ListXlsxRead, newKey: () => number): ImportResult {
  // A row added and left blank gives way to the file's records.
  const out = rows.filter((r) => Object.values(r.text).some((t) => t.trim() !== '')).map((r) => ({ ...r, text: { ...r.text } }));
  const keyColumn = spec.keyColumn;
  const result: ImportResult = { rows: out, added: 0, replaced: 0, dropped: 0, touched: new Set(), errors: new Map() };
  const rowOf = new Map<number, PasteRow>();
  for (const record of read.records) {
    const text = Object.fromEntries(spec.columns.map((c) => [c.code, toText(c, record.values[c.code])]));
    const key = keyColumn ? text[keyColumn] : '';
    const existing = key ? out.find((r) => (r.text[keyColumn!] ?? '').trim() === key) : undefined;
    if (existing) {
      existing.text = text;
      result.replaced += 1;
      rowOf.set(record.rowNo, existing);
      result.touched.add(existing.key);
    } else if (out.length >= spec.maxRecords) {
      result.dropped += 1;
    } else {
      const row = { key: newKey(), text };
      out.push(row);
      result.added += 1;
      rowOf.set(record.rowNo, row);
      result.touched.add(row.key);
    }
  }
  for (const e of read.errors) {
    const row = rowOf.get(e.rowNo);
    if (row) result.errors.set(importKey(row.key, e.column), e.message);
  }
  return result;
}

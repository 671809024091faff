import { toText, toValue, type ListRecord, type ListSpec } from './list-values.js';

/** One row of the editor: what is typed per column, and a key that survives deleting rows above it. */
export interface EditRow {
  key: number;
  text: Record<string, string>;
}

/** The records the editor's rows stand for, numbered from 1 (what a save sends). */
export function toRecords(spec: ListSpec, rows: EditRow[]): ListRecord[] {
  return rows.map((r, i) => ({
    rowNo: i + 1,
    values: Object.fromEntries(spec.columns.map((c) => [c.code, toValue(c, r.text[c.code] ?? '')] as const).filter(([, v]) => v !== null)),
  }));
}

/** The editor's rows of saved records (keys 1…n). */
export function rowsOf(spec: ListSpec, saved: ListRecord[]): EditRow[] {
  return saved.map((r, i) => ({ key: i + 1, text: Object.fromEntries(spec.columns.map((c) => [c.code, toText(c, r.values[c.code])])) }));
}

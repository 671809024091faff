import type { ApiSchema } from '../../../shared/api-client.js';
import { parseDate, parseNumber } from '../../../core/forms/typed-text.js';
import { fmtNumber } from '../format.js';
import type { Form } from '../types.js';

export type ListRecord = ApiSchema<'ListRecord'>;
export type ListSpec = NonNullable<Form['list']>;
export type ListColumn = ListSpec['columns'][number];
type ListValue = ListRecord['values'][string];

export { parseDate };

/**
 * What a person types into a list cell and the typed value the record carries. A text that does
 * not read as its column's type is kept as typed: the rules (browser and server) then name it
 * ("phải là số", "phải là ngày"), so nothing typed is lost silently.
 */
export function toValue(column: ListColumn, text: string): ListValue {
  const t = text.trim();
  if (t === '') return null;
  switch (column.type) {
    case 'integer':
    case 'number': {
      const n = parseNumber(t);
      return n === 'invalid' ? t : n;
    }
    case 'date':
      return parseDate(t) ?? t;
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    default:
      return t;
  }
}

/** The value as shown in its input: numbers the Vietnamese way, dates as dd/mm/yyyy. */
export function toText(column: ListColumn, v: ListValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return column.type === 'integer' || column.type === 'number' ? fmtNumber(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  return v;
}

/** Shown for a saved value in the read-only table (leader, clerk). */
export function displayValue(column: ListColumn, v: ListValue | undefined): string {
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  return toText(column, v);
}

import { ValidationError } from '../../shared/errors.js';
import { normalizeText } from '../text/index.js';
import type { ListColumn, ListColumnType, ListSpec } from './types.js';

export { validateListRecords, type ListViolation } from './list-records-check.js';

/** Column codes as the national list-report-data packet requires them. */
const COLUMN_CODE = /^[A-Z0-9_]{1,32}$/;
const TYPES: readonly ListColumnType[] = ['text', 'integer', 'number', 'date', 'boolean', 'code'];
/** Largest list a report may declare: a list report is one packet (BODY_LIMIT). */
export const MAX_LIST_RECORDS = 5000;

const invalid = (message: string, details: Record<string, unknown>) => new ValidationError('FORM_DEFINITION_INVALID', message, details);

/** Normalises and checks a list-type form's columns: codes, types, allowed values, key column. */
export function toListSpec(formCode: string, spec: ListSpec | null | undefined): ListSpec {
  if (!spec || !Array.isArray(spec.columns) || spec.columns.length === 0)
    throw invalid('A list form needs at least one column', { code: formCode });
  const columns: ListColumn[] = spec.columns.map((c) => {
    if (!COLUMN_CODE.test(c.code))
      throw invalid(`List column code "${c.code}" is invalid (A-Z, 0-9, _)`, { code: formCode, column: c.code });
    if (!TYPES.includes(c.type)) throw invalid(`List column ${c.code} has an unknown type "${c.type}"`, { code: formCode, column: c.code });
    if (c.type === 'code' && (!c.values || c.values.length === 0))
      throw invalid(`List column ${c.code} of type code needs its allowed values`, { code: formCode, column: c.code });
    return {
      ...c,
      label: normalizeText(c.label, 'list.columns.label'),
      ...(c.unit !== undefined ? { unit: normalizeText(c.unit, 'list.columns.unit') } : {}),
      ...(c.values ? { values: c.values.map((v) => normalizeText(v, 'list.columns.values')) } : {}),
    };
  });
  if (new Set(columns.map((c) => c.code)).size !== columns.length) throw invalid('List column codes must be unique', { code: formCode });
  if (spec.keyColumn !== undefined && !columns.some((c) => c.code === spec.keyColumn))
    throw invalid(`Key column "${spec.keyColumn}" is not a column of the list`, { code: formCode, column: spec.keyColumn });
  const maxRecords = spec.maxRecords ?? MAX_LIST_RECORDS;
  if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > MAX_LIST_RECORDS)
    throw invalid(`maxRecords must be an integer from 1 to ${MAX_LIST_RECORDS}`, { code: formCode });
  return { columns, maxRecords, ...(spec.keyColumn !== undefined ? { keyColumn: spec.keyColumn } : {}) };
}

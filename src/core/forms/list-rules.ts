import { ValidationError } from '../../shared/errors.js';
import { normalizeText } from '../text/index.js';
import type { ListColumn, ListColumnType, ListRecord, ListSpec, ListValue } from './types.js';

/** Column codes as the national list-report-data packet requires them. */
const COLUMN_CODE = /^[A-Z0-9_]{1,32}$/;
const TYPES: readonly ListColumnType[] = ['text', 'integer', 'number', 'date', 'boolean', 'code'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
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

/** One broken rule of a list report, naming the record and the column. */
export interface ListViolation {
  code:
    | 'RECORD_TOO_MANY'
    | 'RECORD_NUMBER_INVALID'
    | 'RECORD_COLUMN_UNKNOWN'
    | 'RECORD_REQUIRED'
    | 'RECORD_TYPE_INVALID'
    | 'RECORD_OUT_OF_RANGE'
    | 'RECORD_VALUE_NOT_ALLOWED'
    | 'RECORD_KEY_DUPLICATE';
  message: string;
  rowNo?: number;
  column?: string;
}

function isDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The type check of one cell; a message (Vietnamese) when it does not fit. */
function typeError(c: ListColumn, v: Exclude<ListValue, null>): string | undefined {
  switch (c.type) {
    case 'text':
    case 'code':
      if (typeof v !== 'string') return `cột "${c.label}" cần văn bản`;
      if (c.maxLength !== undefined && v.length > c.maxLength) return `cột "${c.label}" dài quá ${c.maxLength} ký tự`;
      return undefined;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : `cột "${c.label}" cần số nguyên`;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : `cột "${c.label}" cần số`;
    case 'date':
      return typeof v === 'string' && isDate(v) ? undefined : `cột "${c.label}" cần ngày dạng YYYY-MM-DD`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `cột "${c.label}" cần có/không`;
  }
}

/**
 * Checks the records of a list report against the form's columns: numbering 1..n, known columns,
 * required cells, types, ranges, closed lists, unique key. Saving a draft with violations is
 * allowed; submitting is not (like a data form's constraints).
 */
export function validateListRecords(spec: ListSpec, records: ListRecord[]): ListViolation[] {
  const out: ListViolation[] = [];
  if (records.length > spec.maxRecords)
    out.push({ code: 'RECORD_TOO_MANY', message: `Danh sách có ${records.length} dòng, tối đa ${spec.maxRecords}` });
  const columns = new Map(spec.columns.map((c) => [c.code, c]));
  const keys = new Map<string, number>();
  records.forEach((r, i) => {
    if (r.rowNo !== i + 1)
      out.push({ code: 'RECORD_NUMBER_INVALID', rowNo: r.rowNo, message: `Dòng thứ ${i + 1} phải có số thứ tự ${i + 1}` });
    for (const code of Object.keys(r.values)) {
      if (!columns.has(code))
        out.push({ code: 'RECORD_COLUMN_UNKNOWN', rowNo: r.rowNo, column: code, message: `Dòng ${r.rowNo}: không có cột ${code}` });
    }
    for (const c of spec.columns) {
      const v = r.values[c.code] ?? null;
      if (v === null || v === '') {
        if (c.required)
          out.push({ code: 'RECORD_REQUIRED', rowNo: r.rowNo, column: c.code, message: `Dòng ${r.rowNo}: cột "${c.label}" bắt buộc` });
        continue;
      }
      const err = typeError(c, v);
      if (err) {
        out.push({ code: 'RECORD_TYPE_INVALID', rowNo: r.rowNo, column: c.code, message: `Dòng ${r.rowNo}: ${err}` });
        continue;
      }
      if (typeof v === 'number' && ((c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)))
        out.push({
          code: 'RECORD_OUT_OF_RANGE',
          rowNo: r.rowNo,
          column: c.code,
          message: `Dòng ${r.rowNo}: cột "${c.label}" ngoài khoảng cho phép`,
        });
      if (c.type === 'code' && !c.values!.includes(v as string))
        out.push({
          code: 'RECORD_VALUE_NOT_ALLOWED',
          rowNo: r.rowNo,
          column: c.code,
          message: `Dòng ${r.rowNo}: "${String(v)}" không có trong danh mục của cột "${c.label}"`,
        });
    }
    if (spec.keyColumn) {
      const key = r.values[spec.keyColumn];
      if (key !== null && key !== undefined && key !== '') {
        const k = String(key);
        const first = keys.get(k);
        if (first !== undefined)
          out.push({
            code: 'RECORD_KEY_DUPLICATE',
            rowNo: r.rowNo,
            column: spec.keyColumn,
            message: `Dòng ${r.rowNo} trùng mã "${k}" với dòng ${first}`,
          });
        else keys.set(k, r.rowNo);
      }
    }
  });
  return out;
}

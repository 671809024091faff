import type { ListColumn, ListRecord, ListSpec, ListValue } from './types.js';

// No imports beyond types: the web app bundles this file to check records as they are typed,
// with the very rules the server runs at save and submit.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

import type { ListViolation } from '../../../core/forms/list-records-check.js';
import { fmtNumber } from '../format.js';
import type { ListColumn, ListSpec } from './list-values.js';

export type { ListViolation };

/** The key of one list cell: record number and column code. */
export const listCellKey = (rowNo: number, column: string) => `${rowNo}|${column}`;

function typeHint(c: ListColumn): string {
  switch (c.type) {
    case 'integer':
      return 'Phải là số nguyên (ví dụ 12)';
    case 'number':
      return 'Phải là số (ví dụ 12,5)';
    case 'date':
      return 'Phải là ngày có thật, dạng ngày/tháng/năm (ví dụ 15/03/2026)';
    case 'boolean':
      return 'Chọn Có hoặc Không';
    default:
      return c.maxLength !== undefined ? `Dài quá ${c.maxLength} ký tự` : 'Phải là văn bản';
  }
}

function rangeHint(c: ListColumn): string {
  if (c.min !== undefined && c.max !== undefined) return `Phải từ ${fmtNumber(c.min)} đến ${fmtNumber(c.max)}`;
  if (c.min !== undefined) return `Không được nhỏ hơn ${fmtNumber(c.min)}`;
  if (c.max !== undefined) return `Không được lớn hơn ${fmtNumber(c.max)}`;
  return 'Ngoài khoảng cho phép';
}

/**
 * The message shown next to the cell, in Vietnamese, from the rule's stable code (the browser's
 * check and the server's answer carry the same codes, so both read the same).
 */
export function cellMessage(spec: ListSpec, v: ListViolation): string {
  const c = spec.columns.find((x) => x.code === v.column);
  if (!c) return v.message;
  switch (v.code) {
    case 'RECORD_REQUIRED':
      return 'Bắt buộc nhập';
    case 'RECORD_TYPE_INVALID':
      return typeHint(c);
    case 'RECORD_OUT_OF_RANGE':
      return rangeHint(c);
    case 'RECORD_VALUE_NOT_ALLOWED':
      return `Chỉ được chọn: ${(c.values ?? []).join(', ')}`;
    case 'RECORD_KEY_DUPLICATE':
      return v.message.replace(/^Dòng \d+ trùng/, 'Trùng');
    default:
      return v.message;
  }
}

/** The same message with the record and the column, for the list of errors above the table. */
export function fullMessage(spec: ListSpec, v: ListViolation): string {
  const c = spec.columns.find((x) => x.code === v.column);
  if (v.rowNo === undefined || !c) return v.message;
  return `Dòng ${v.rowNo} – ${c.label}: ${cellMessage(spec, v)}`;
}

/** Browser and server answers together, each rule once (the server may know one the browser does not). */
export function mergeViolations(a: ListViolation[], b: ListViolation[]): ListViolation[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((v) => {
    const k = `${v.code}|${v.rowNo ?? ''}|${v.column ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

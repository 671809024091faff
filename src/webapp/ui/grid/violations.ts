import { validateFormValues } from '../../../core/forms/validate-values.js';
import type { FormDefinition } from '../../../core/forms/types.js';
import { fmtNumber } from '../format.js';
import type { CellValue, Form, Violation } from '../types.js';

export const cellKey = (row: string, column: string) => `${row}|${column}`;

/**
 * The form's own rules (sum of parts, range, required, ratio), run in the browser with the very
 * code the server runs (src/core/forms/validate-values.ts): answers as the user types, offline too.
 */
export function checkValues(form: Form, cells: Map<string, number | null>): Violation[] {
  const values: CellValue[] = [];
  for (const [k, value] of cells) {
    const [indicatorCode, columnCode] = k.split('|');
    values.push({ indicatorCode, columnCode, value });
  }
  return validateFormValues(form as unknown as FormDefinition, values);
}

/** A Vietnamese message naming the row by its label (not only its code) and the column. */
export function describe(form: Form, v: Violation): string {
  const row = form.rows.find((r) => r.indicatorCode === v.row);
  const col = form.columns.find((c) => c.code === v.column);
  const where = `«${row?.label ?? v.row}» – ${col?.label ?? v.column}`;
  const c = (form.constraints as { id: string; parts?: string[]; min?: number; max?: number }[]).find((x) => x.id === v.constraintId);
  switch (v.code) {
    case 'SUM_MISMATCH': {
      const parts = (c?.parts ?? []).map((p) => form.rows.find((r) => r.indicatorCode === p)?.label ?? p).join(' + ');
      return `${where}: tổng phải bằng ${parts} = ${fmtNumber(v.expected)} (đang nhập ${fmtNumber(v.actual)})`;
    }
    case 'OUT_OF_RANGE': {
      const lo = c?.min !== undefined ? `từ ${fmtNumber(c.min)}` : '';
      const hi = c?.max !== undefined ? `đến ${fmtNumber(c.max)}` : '';
      return `${where}: giá trị ${fmtNumber(v.actual)} ngoài khoảng cho phép ${[lo, hi].filter(Boolean).join(' ')}`.trim();
    }
    case 'CELL_REQUIRED':
      return `${where}: bắt buộc nhập`;
    case 'RATIO_MISMATCH':
      return `${where}: tỷ lệ phải là ${fmtNumber(v.expected)} (đang nhập ${fmtNumber(v.actual)})`;
    case 'EQUALS_MISMATCH':
      return `${where}: phải bằng ${fmtNumber(v.expected)} (đang nhập ${fmtNumber(v.actual)})`;
    case 'CELL_NOT_NUMBER':
      return `${where}: không phải là số`;
    default:
      return `${where}: ${v.message}`;
  }
}

import { ValidationError } from '../../../shared/errors.js';
import type { FormInfo } from '../ports.js';
import type { CellValue } from '../types.js';

/** 400 VALUE_CELL_UNKNOWN for a cell whose indicator or column is not on the form. */
export function assertCellsBelongToForm(form: FormInfo, values: CellValue[]): void {
  const rows = new Set(form.rows.map((r) => r.indicatorCode));
  const columns = new Set(form.columns.map((c) => c.code));
  const unknown = values
    .map((v, i) => ({ index: i, indicatorCode: v.indicatorCode, columnCode: v.columnCode }))
    .filter((v) => !rows.has(v.indicatorCode) || !columns.has(v.columnCode));
  if (unknown.length > 0) {
    throw new ValidationError('VALUE_CELL_UNKNOWN', `${unknown.length} value(s) name an indicator or column not on form ${form.code}`, {
      cells: unknown.slice(0, 20),
    });
  }
}

import { addCellValues, additiveCells } from '../forms/additive-cells.js';
import type { FormInfo } from './ports.js';
import { disaggregationKey, type CellValue } from './types.js';

/**
 * Tổng hợp: sums the sub-units' values cell by cell (indicator × column × disaggregation),
 * only in the cells `additiveCells` names (number columns of rows not measured in % or ‰; the
 * consolidator enters the others). A cell that no child filled stays absent; a cell some
 * children left empty sums the ones that are present.
 */
export function sumChildValues(form: FormInfo, children: CellValue[][]): CellValue[] {
  const summable = additiveCells(form);
  const cells = new Map<string, CellValue>();
  for (const values of children) {
    for (const v of values) {
      if (!summable(v.indicatorCode, v.columnCode) || v.value === null) continue;
      const key = `${v.indicatorCode}\u0000${v.columnCode}\u0000${disaggregationKey(v.disaggregation)}`;
      const cell = cells.get(key);
      if (cell) cell.value = addCellValues(cell.value ?? 0, v.value);
      else cells.set(key, { ...v, ...(v.disaggregation ? { disaggregation: { ...v.disaggregation } } : {}) });
    }
  }
  return [...cells.values()];
}

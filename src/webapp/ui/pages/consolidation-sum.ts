import { addCellValues, additiveCells, type AdditiveShape } from '../../../core/forms/additive-cells.js';

/**
 * The consolidation preview: the received sub-unit values summed per cell (`row|column`) by the
 * server's own rule (`additiveCells`), so the preview shows what "Lập báo cáo tổng hợp" will
 * write: index and rate rows (%, ‰) and percent columns stay empty for the consolidator.
 */
export function previewSum(form: AdditiveShape, received: Iterable<ReadonlyMap<string, number | null>>): Map<string, number> {
  const summable = additiveCells(form);
  const sum = new Map<string, number>();
  for (const values of received) {
    for (const [key, v] of values) {
      const [row = '', column = ''] = key.split('|');
      if (v === null || !summable(row, column)) continue;
      sum.set(key, addCellValues(sum.get(key) ?? 0, v));
    }
  }
  return sum;
}

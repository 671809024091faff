import type { FormInfo } from './ports.js';
import { disaggregationKey, type CellValue } from './types.js';

/**
 * Tổng hợp: sums the sub-units' values cell by cell (indicator × column × disaggregation).
 * Only `number` columns add up; percent and text columns are left for the consolidator to
 * enter (a ratio of sums is not the sum of ratios). Rows measured as an index or a rate (unit
 * "%" or "‰", e.g. the industrial production index, CPI) are not additive either, whatever the
 * column: the consolidator enters them. A cell that no child filled stays absent; a cell some
 * children left empty sums the ones that are present.
 */
export function sumChildValues(form: FormInfo, children: CellValue[][]): CellValue[] {
  const summable = new Set(form.columns.filter((c) => c.kind === 'number').map((c) => c.code));
  const indexRows = new Set(form.rows.filter((r) => !isAdditiveUnit(r.unit)).map((r) => r.indicatorCode));
  const cells = new Map<string, CellValue>();
  for (const values of children) {
    for (const v of values) {
      if (!summable.has(v.columnCode) || indexRows.has(v.indicatorCode) || v.value === null) continue;
      const key = `${v.indicatorCode}\u0000${v.columnCode}\u0000${disaggregationKey(v.disaggregation)}`;
      const cell = cells.get(key);
      if (cell) cell.value = roundSum((cell.value ?? 0) + v.value);
      else cells.set(key, { ...v, ...(v.disaggregation ? { disaggregation: { ...v.disaggregation } } : {}) });
    }
  }
  return [...cells.values()];
}

/** Whether values in this unit add up across units: counts and amounts do, rates and indices do not. */
export function isAdditiveUnit(unit: string | null | undefined): boolean {
  const u = (unit ?? '').trim();
  return u !== '%' && u !== '‰';
}

/** Keeps decimal sums free of binary noise (0.1 + 0.2) at the precision forms use. */
function roundSum(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

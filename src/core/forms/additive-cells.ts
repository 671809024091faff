/**
 * Which cells of a form add up across units when a receiver consolidates its units' reports.
 * One rule for the server's consolidation and the reporting app's preview of it.
 */

/** What the rule reads of a form: each row's unit, each column's kind. */
export interface AdditiveShape {
  rows: readonly { indicatorCode: string; unit: string }[];
  columns: readonly { code: string; kind: string }[];
}

/** Whether values in this unit add up across units: counts and amounts do, rates and indices (%, ‰) do not. */
export function isAdditiveUnit(unit: string | null | undefined): boolean {
  const u = (unit ?? '').trim();
  return u !== '%' && u !== '‰';
}

/**
 * The cells whose values are the sum of the units' values: `number` columns of rows in an
 * additive unit. Percent columns and index rows (e.g. the industrial production index, CPI) are
 * not (a ratio of sums is not the sum of ratios): the consolidator enters them.
 */
export function additiveCells(form: AdditiveShape): (indicatorCode: string, columnCode: string) => boolean {
  const columns = new Set(form.columns.filter((c) => c.kind === 'number').map((c) => c.code));
  const rows = new Set(form.rows.filter((r) => isAdditiveUnit(r.unit)).map((r) => r.indicatorCode));
  return (indicatorCode, columnCode) => rows.has(indicatorCode) && columns.has(columnCode);
}

/** Adds two cell values, keeping the sum free of binary noise (0.1 + 0.2) at the precision forms use. */
export function addCellValues(a: number, b: number): number {
  return Math.round((a + b) * 1e9) / 1e9;
}

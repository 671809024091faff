import type { PlausibilityRule } from './types.js';

/** The parts of a form plausibility reads (a FormDefinition or the submissions' FormInfo). */
export interface PlausibilityForm {
  rows: { indicatorCode: string; label?: string }[];
  columns: { code: string; kind: string; label?: string }[];
  plausibility?: PlausibilityRule[];
}

export interface PlausibilityCell {
  indicatorCode: string;
  columnCode: string;
  value: number | null;
}

/** A value to look at again before signing; the report may still be submitted and signed. */
export interface PlausibilityWarning {
  code: 'PLAUSIBILITY_MIN_MAX' | 'PLAUSIBILITY_CHANGE' | 'PLAUSIBILITY_OUTLIER';
  ruleId: string;
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  value: number;
  min?: number;
  max?: number;
  previous?: number;
  previousPeriodKey?: string;
  /** change: (this − previous) / |previous|. */
  ratio?: number;
  maxRatio?: number;
  /** outlier: the history's median, the scaled MAD, k, how many past values, the same period last year. */
  median?: number;
  mad?: number;
  k?: number;
  history?: number;
  sameLastYear?: number;
  sameLastYearPeriodKey?: string;
  message: string;
}

const key = (row: string, column: string) => `${row}\u0000${column}`;

function gridOf(cells: PlausibilityCell[]): Map<string, number> {
  const grid = new Map<string, number>();
  for (const c of cells) if (c.value !== null && Number.isFinite(c.value)) grid.set(key(c.indicatorCode, c.columnCode), c.value);
  return grid;
}

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/**
 * DHIS2-style plausibility over a report's totals: min-max per cell, and the change against
 * the same unit's report of the previous period beyond `maxRatio`. Rules without `columns`
 * look at the number columns (percent columns are ratios already; name them to include them).
 * A previous value of 0 gives no ratio and no warning (DHIS2 skips it the same way).
 */
export function checkPlausibility(
  form: PlausibilityForm,
  cells: PlausibilityCell[],
  previous?: { periodKey: string; cells: PlausibilityCell[] },
): PlausibilityWarning[] {
  const grid = gridOf(cells);
  const before = previous ? gridOf(previous.cells) : new Map<string, number>();
  const rowLabel = new Map(form.rows.map((r) => [r.indicatorCode, r.label ?? r.indicatorCode]));
  const columnLabel = new Map(form.columns.map((c) => [c.code, c.label ?? c.code]));
  const out: PlausibilityWarning[] = [];
  for (const rule of form.plausibility ?? []) {
    // Outliers need the unit's history: checkOutliers (outliers.ts).
    if (rule.type === 'outlier') continue;
    const rows = rule.rows ?? form.rows.map((r) => r.indicatorCode);
    const columns = rule.columns ?? form.columns.filter((c) => c.kind === 'number').map((c) => c.code);
    for (const row of rows) {
      for (const column of columns) {
        const value = grid.get(key(row, column));
        if (value === undefined) continue;
        const where = {
          ruleId: rule.id,
          row,
          rowLabel: rowLabel.get(row) ?? row,
          column,
          columnLabel: columnLabel.get(column) ?? column,
          value,
        };
        const name = `Dòng «${where.rowLabel}» (${row}), cột «${where.columnLabel}»`;
        if (rule.type === 'min-max') {
          if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
            out.push({
              code: 'PLAUSIBILITY_MIN_MAX',
              ...where,
              ...(rule.min !== undefined ? { min: rule.min } : {}),
              ...(rule.max !== undefined ? { max: rule.max } : {}),
              message: `${name}: ${fmt(value)} ngoài khoảng thường gặp [${rule.min === undefined ? '-∞' : fmt(rule.min)}; ${rule.max === undefined ? '+∞' : fmt(rule.max)}], đề nghị kiểm tra lại trước khi ký`,
            });
          }
          continue;
        }
        const prev = before.get(key(row, column));
        if (prev === undefined || prev === 0 || !previous) continue;
        const ratio = (value - prev) / Math.abs(prev);
        if (Math.abs(ratio) <= rule.maxRatio) continue;
        out.push({
          code: 'PLAUSIBILITY_CHANGE',
          ...where,
          previous: prev,
          previousPeriodKey: previous.periodKey,
          ratio,
          maxRatio: rule.maxRatio,
          message: `${name}: ${fmt(value)} ${ratio > 0 ? 'tăng' : 'giảm'} ${fmt(Math.abs(ratio) * 100)}% so với kỳ trước ${previous.periodKey} (${fmt(prev)}), vượt ngưỡng ±${fmt(rule.maxRatio * 100)}%, đề nghị kiểm tra lại trước khi ký`,
        });
      }
    }
  }
  return out;
}

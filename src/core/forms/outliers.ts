import type { PlausibilityCell, PlausibilityForm, PlausibilityWarning } from './plausibility.js';
import type { PlausibilityRule } from './types.js';

type OutlierRule = Extract<PlausibilityRule, { type: 'outlier' }>;

/** Past reports of the same unit and form, newest first, each with its period key. */
export interface UnitHistory {
  periodKey: string;
  cells: PlausibilityCell[];
}

export const OUTLIER_DEFAULTS = { k: 3, periods: 12, minHistory: 5 } as const;
/** MAD × 1.4826 estimates the standard deviation of normal data, so k reads like "k sigmas". */
const MAD_SCALE = 1.4826;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/**
 * Robust outliers against the unit's own history (issue 15; DHIS2's "modified z-score"): a
 * value beyond median ± k·MAD of the same cell in the unit's last reports. Skipped when fewer
 * than `minHistory` of them have a value, or when they are all alike (MAD 0: any change would
 * be "infinitely" far). `sameLastYear` is the same period a year before, named in the message.
 */
export function checkOutliers(
  form: PlausibilityForm,
  rule: OutlierRule,
  cells: PlausibilityCell[],
  history: UnitHistory[],
  sameLastYear: string | null,
): PlausibilityWarning[] {
  const k = rule.k ?? OUTLIER_DEFAULTS.k;
  const periods = rule.periods ?? OUTLIER_DEFAULTS.periods;
  const minHistory = rule.minHistory ?? OUTLIER_DEFAULTS.minHistory;
  const past = history.slice(0, periods).map((h) => ({ periodKey: h.periodKey, grid: gridOf(h.cells) }));
  const rowLabel = new Map(form.rows.map((r) => [r.indicatorCode, r.label ?? r.indicatorCode]));
  const columnLabel = new Map(form.columns.map((c) => [c.code, c.label ?? c.code]));
  const rows = rule.rows ?? form.rows.map((r) => r.indicatorCode);
  const columns = rule.columns ?? form.columns.filter((c) => c.kind === 'number').map((c) => c.code);
  const now = gridOf(cells);
  const out: PlausibilityWarning[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const value = now.get(`${row}|${column}`);
      if (value === undefined) continue;
      const values = past.map((p) => p.grid.get(`${row}|${column}`)).filter((v): v is number => v !== undefined);
      if (values.length < minHistory) continue;
      const med = median(values);
      const mad = MAD_SCALE * median(values.map((v) => Math.abs(v - med)));
      if (mad === 0 || Math.abs(value - med) <= k * mad) continue;
      const last = sameLastYear ? past.find((p) => p.periodKey === sameLastYear)?.grid.get(`${row}|${column}`) : undefined;
      const where = { row, rowLabel: rowLabel.get(row) ?? row, column, columnLabel: columnLabel.get(column) ?? column };
      const lastYear = last !== undefined ? `; cùng kỳ năm trước (${sameLastYear}): ${fmt(last)}` : '';
      out.push({
        code: 'PLAUSIBILITY_OUTLIER',
        ruleId: rule.id,
        ...where,
        value,
        median: med,
        mad,
        k,
        history: values.length,
        ...(last !== undefined ? { sameLastYear: last, sameLastYearPeriodKey: sameLastYear! } : {}),
        // Stryker disable next-line EqualityOperator: equivalent (a value equal to the median is never flagged)
        message: `Dòng «${where.rowLabel}» (${row}), cột «${where.columnLabel}»: ${fmt(value)} ${value > med ? 'cao' : 'thấp'} bất thường so với ${values.length} kỳ trước của đơn vị (trung vị ${fmt(med)}, ngưỡng ±${fmt(k * mad)})${lastYear}. Đề nghị kiểm tra lại hoặc ghi ý kiến giải thích vào ô.`,
      });
    }
  }
  return out;
}

const finite = (v: number | null): v is number => Number.isFinite(v);

function gridOf(cells: PlausibilityCell[]): Map<string, number> {
  const grid = new Map<string, number>();
  for (const c of cells) if (finite(c.value)) grid.set(`${c.indicatorCode}|${c.columnCode}`, c.value);
  return grid;
}

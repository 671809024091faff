import { isAdditiveUnit } from '../core/forms/additive-cells.js';
import type { FormCellValue, FormConstraint, FormDefinition, FormRow } from '../core/forms/types.js';

/** Deterministic pseudo-random numbers (mulberry32), so a seed replays the same demo figures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function appliesTo(c: { rows?: string[]; columns?: string[] }, row: string, column: string): boolean {
  return (!c.rows || c.rows.includes(row)) && (!c.columns || c.columns.includes(column));
}

/** A number in [0, 1) fixed by a text (FNV-1a), so a unit's figures keep their size from one period to the next. */
function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4294967296;
}

/**
 * The band an index or rate row (unit % or ‰) is drawn from: the middle of the form's own
 * min-max plausibility rule for the cell when it has one (so the demo figures are what the rule
 * calls usual), else about 100 (an index against the same period of the previous year).
 */
function indexBand(form: FormDefinition, row: string, column: string): [number, number] {
  const rule = (form.plausibility ?? []).find(
    (r) => r.type === 'min-max' && r.min !== undefined && r.max !== undefined && appliesTo(r, row, column),
  );
  if (rule?.type !== 'min-max' || rule.min === undefined || rule.max === undefined) return [98, 110];
  const span = rule.max - rule.min;
  return [rule.min + span * 0.35, rule.min + span * 0.65];
}

export interface PlausibleOptions {
  /**
   * The unit the figures are for: each row's size is fixed by it, so the same unit's reports of
   * two periods differ as real ones do (and the form's change rules warn only now and then).
   * Absent: a random size per row.
   */
  unit?: string;
}

/**
 * Plausible figures for every cell of a data form that satisfy its constraints: amounts get a
 * "plan" sized per row (and unit), this period about a twelfth of it, the year to date a few
 * periods' worth, percentages near 100; index and rate rows (%, ‰) a value in their usual band in
 * every column (an index's plan is an index too, never a sum); then ranges clamp, sums add up
 * their parts, equalities and ratios hold. Every cell is filled, so required cells are.
 */
export function plausibleValues(form: FormDefinition, random: () => number, options: PlausibleOptions = {}): FormCellValue[] {
  const cells = new Map<string, number>();
  const key = (row: string, column: string) => `${row}|${column}`;
  const sizeOf = (row: FormRow) => (options.unit === undefined ? random() : hashUnit(`${options.unit}|${row.indicatorCode}`));
  for (const row of form.rows) {
    const scale = 50 + sizeOf(row) * 950;
    const index = !isAdditiveUnit(row.unit);
    for (const col of form.columns) {
      let value: number;
      if (col.kind === 'percent') value = 90 + random() * 25;
      else if (index) {
        const [low, high] = indexBand(form, row.indicatorCode, col.code);
        value = low + random() * (high - low);
      } else if (/PLAN/i.test(col.code)) value = scale;
      else if (/YTD|LUY/i.test(col.code)) value = scale * (0.3 + random() * 0.4);
      else value = scale * (0.06 + random() * 0.04);
      cells.set(key(row.indicatorCode, col.code), round(value));
    }
  }
  const numberColumns = form.columns.filter((c) => c.kind === 'number').map((c) => c.code);
  const apply = (c: FormConstraint) => {
    if (c.type === 'range') {
      for (const [k, v] of cells) {
        const [row, column] = k.split('|') as [string, string];
        if (!appliesTo(c, row, column)) continue;
        cells.set(k, Math.min(c.max ?? Infinity, Math.max(c.min ?? -Infinity, v)));
      }
    } else if (c.type === 'sum') {
      for (const column of c.columns ?? numberColumns) {
        const total = c.parts.reduce((acc, part) => acc + (cells.get(key(part, column)) ?? 0), 0);
        cells.set(key(c.total, column), round(total));
      }
    } else if (c.type === 'equals') {
      cells.set(key(c.left.row, c.left.column), cells.get(key(c.right.row, c.right.column)) ?? 0);
    } else if (c.type === 'ratio') {
      const den = cells.get(key(c.denominator.row, c.denominator.column)) ?? 0;
      const num = cells.get(key(c.numerator.row, c.numerator.column)) ?? 0;
      cells.set(key(c.result.row, c.result.column), den === 0 ? 0 : round((num / den) * (c.factor ?? 1), 4));
    }
  };
  // Ranges first (they only narrow), then derived cells, then ranges again on the derived ones.
  for (const c of form.constraints.filter((x) => x.type === 'range')) apply(c);
  for (const c of form.constraints.filter((x) => x.type !== 'range')) apply(c);
  for (const c of form.constraints.filter((x) => x.type === 'range')) apply(c);
  return [...cells].map(([k, value]) => {
    const [indicatorCode, columnCode] = k.split('|') as [string, string];
    return { indicatorCode, columnCode, value };
  });
}

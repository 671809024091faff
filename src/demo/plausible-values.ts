import type { FormCellValue, FormConstraint, FormDefinition } from '../core/forms/types.js';

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

/**
 * Plausible figures for every cell of a data form that satisfy its constraints: a "plan"
 * sized per row, this period about a twelfth of it, the year to date a few periods' worth,
 * percentages near 100; then ranges clamp, sums add up their parts, equalities and ratios hold.
 */
export function plausibleValues(form: FormDefinition, random: () => number): FormCellValue[] {
  const cells = new Map<string, number>();
  const key = (row: string, column: string) => `${row}|${column}`;
  for (const row of form.rows) {
    const scale = 50 + random() * 950;
    for (const col of form.columns) {
      const value =
        col.kind === 'percent'
          ? 90 + random() * 25
          : /PLAN/i.test(col.code)
            ? scale
            : /YTD|LUY/i.test(col.code)
              ? scale * (0.3 + random() * 0.4)
              : scale * (0.06 + random() * 0.04);
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

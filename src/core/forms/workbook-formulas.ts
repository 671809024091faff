import type ExcelJS from 'exceljs';
import type { FormConstraint, FormDefinition } from './types.js';

/** Where each indicator (sheet row) and form column (sheet column) sits, 1-based. */
export interface SheetLayout {
  rowOf: ReadonlyMap<string, number>;
  columnOf: ReadonlyMap<string, number>;
}

type SumRule = Extract<FormConstraint, { type: 'sum' }>;

const DEFAULT_TOLERANCE = 1e-6;

/** A1 column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The columns a sum rule binds: its own list, else every number column (as the form's check reads it). */
export function sumColumns(form: FormDefinition, rule: SumRule): string[] {
  return rule.columns ?? form.columns.filter((c) => c.kind === 'number').map((c) => c.code);
}

/**
 * The total cells of the form's sum rules as Excel formulas over their parts, keyed
 * indicator|column. Written where the figure agrees with the formula: an empty report (the
 * template computes as it is filled), or a saved total equal to its parts within the rule's
 * tolerance (the cached result is the saved figure). A total that differs from its parts, or is
 * empty while parts are not, stays the plain figure: the file shows what was entered, never a
 * figure nobody entered.
 */
export function sumFormulas(
  form: FormDefinition,
  layout: SheetLayout,
  valueOf: (row: string, column: string) => number | null,
): Map<string, ExcelJS.CellFormulaValue> {
  const out = new Map<string, ExcelJS.CellFormulaValue>();
  for (const rule of form.constraints) {
    if (rule.type !== 'sum') continue;
    const partRows = rule.parts.map((p) => layout.rowOf.get(p));
    if (partRows.some((r) => r === undefined) || !layout.rowOf.has(rule.total)) continue;
    for (const column of sumColumns(form, rule)) {
      const col = layout.columnOf.get(column);
      if (col === undefined) continue;
      const total = valueOf(rule.total, column);
      const parts = rule.parts.map((p) => valueOf(p, column));
      const empty = parts.every((p) => p === null);
      const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
      const tolerance = rule.tolerance ?? DEFAULT_TOLERANCE;
      const agrees = total !== null && !empty && Math.abs(sum - total) <= tolerance * Math.max(1, Math.abs(sum));
      if (!(agrees || (total === null && empty))) continue;
      const letter = columnLetter(col);
      const formula = partRows.map((r) => `${letter}${r}`).join('+');
      out.set(`${rule.total}|${column}`, total === null ? { formula } : { formula, result: total });
    }
  }
  return out;
}

/** For reading a file back: the part rows of every sum total, keyed indicator|column. */
export function sumParts(form: FormDefinition): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of form.constraints) {
    if (rule.type !== 'sum') continue;
    for (const column of sumColumns(form, rule)) out.set(`${rule.total}|${column}`, rule.parts);
  }
  return out;
}

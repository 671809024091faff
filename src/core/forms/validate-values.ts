import type { CellRef, FormCellValue, FormConstraint, FormDefinition, Violation } from './types.js';

const DEFAULT_TOLERANCE = 1e-6;
type Grid = Map<string, number | null>;
const key = (row: string, column: string) => `${row}\u0000${column}`;

function numberColumns(form: FormDefinition, only?: string[]): string[] {
  return form.columns.filter((c) => c.kind === 'number' && (!only || only.includes(c.code))).map((c) => c.code);
}

function cell(grid: Grid, ref: CellRef): number | null {
  return grid.get(key(ref.row, ref.column)) ?? null;
}

function mismatch(expected: number, actual: number, tolerance = DEFAULT_TOLERANCE): boolean {
  return Math.abs(expected - actual) > tolerance * Math.max(1, Math.abs(expected));
}

function checkSum(form: FormDefinition, grid: Grid, c: Extract<FormConstraint, { type: 'sum' }>): Violation[] {
  const out: Violation[] = [];
  for (const column of c.columns ?? numberColumns(form)) {
    const total = cell(grid, { row: c.total, column });
    const parts = c.parts.map((row) => cell(grid, { row, column }));
    // A total with no entered parts (or no total) is incomplete, not wrong: "required" catches it.
    if (total === null || parts.every((p) => p === null)) continue;
    const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    if (mismatch(sum, total, c.tolerance)) {
      out.push({
        code: 'SUM_MISMATCH',
        constraintId: c.id,
        row: c.total,
        column,
        expected: sum,
        actual: total,
        message: `Dòng ${c.total}, cột ${column}: tổng ${total} khác tổng các dòng ${c.parts.join(', ')} (${sum})`,
      });
    }
  }
  return out;
}

function checkEquals(grid: Grid, c: Extract<FormConstraint, { type: 'equals' }>): Violation[] {
  const left = cell(grid, c.left);
  const right = cell(grid, c.right);
  if (left === null || right === null || !mismatch(right, left, c.tolerance)) return [];
  return [
    {
      code: 'EQUALS_MISMATCH',
      constraintId: c.id,
      row: c.left.row,
      column: c.left.column,
      expected: right,
      actual: left,
      message: `Ô ${c.left.row}/${c.left.column} (${left}) phải bằng ô ${c.right.row}/${c.right.column} (${right})`,
    },
  ];
}

function checkRange(form: FormDefinition, grid: Grid, c: Extract<FormConstraint, { type: 'range' }>): Violation[] {
  const out: Violation[] = [];
  const rows = c.rows ?? form.rows.map((r) => r.indicatorCode);
  const columns = c.columns ?? form.columns.map((col) => col.code);
  for (const row of rows) {
    for (const column of columns) {
      const v = cell(grid, { row, column });
      if (v === null) continue;
      if ((c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)) {
        out.push({
          code: 'OUT_OF_RANGE',
          constraintId: c.id,
          row,
          column,
          actual: v,
          message: `Dòng ${row}, cột ${column}: giá trị ${v} ngoài khoảng [${c.min ?? '-∞'}, ${c.max ?? '+∞'}]`,
        });
      }
    }
  }
  return out;
}

function checkRatio(grid: Grid, c: Extract<FormConstraint, { type: 'ratio' }>): Violation[] {
  const result = cell(grid, c.result);
  const num = cell(grid, c.numerator);
  const den = cell(grid, c.denominator);
  if (result === null || num === null || den === null || den === 0) return [];
  const expected = (num / den) * (c.factor ?? 100);
  if (!mismatch(expected, result, c.tolerance ?? 0.005)) return [];
  return [
    {
      code: 'RATIO_MISMATCH',
      constraintId: c.id,
      row: c.result.row,
      column: c.result.column,
      expected,
      actual: result,
      message: `Ô ${c.result.row}/${c.result.column} (${result}) khác tỷ lệ tính được (${expected.toFixed(2)})`,
    },
  ];
}

/** "Dòng «Tổng thu ngân sách…» (0207), cột «Thực hiện tháng báo cáo»": a person reads row names, not codes. */
export function cellName(form: FormDefinition, row: string, column: string): string {
  const r = form.rows.find((x) => x.indicatorCode === row);
  const c = form.columns.find((x) => x.code === column);
  return `Dòng «${r?.label ?? row}» (${row}), cột «${c?.label ?? column}»`;
}

function checkRequired(form: FormDefinition, grid: Grid, c: Extract<FormConstraint, { type: 'required' }>): Violation[] {
  const out: Violation[] = [];
  for (const row of c.rows ?? form.rows.map((r) => r.indicatorCode)) {
    for (const column of c.columns ?? form.columns.map((col) => col.code)) {
      if (cell(grid, { row, column }) === null) {
        out.push({
          code: 'CELL_REQUIRED',
          constraintId: c.id,
          row,
          column,
          message: `${cellName(form, row, column)}: bắt buộc nhập số liệu, chưa nhập`,
        });
      }
    }
  }
  return out;
}

/**
 * Checks entered values against a data form: every cell must exist in the grid and be a finite
 * number, then every constraint is evaluated. Returns all violations (empty = valid), each
 * naming the row, the column and the constraint, in Vietnamese for the data-entry officer.
 */
export function validateFormValues(form: FormDefinition, values: FormCellValue[]): Violation[] {
  const rows = new Set(form.rows.map((r) => r.indicatorCode));
  const columns = new Set(form.columns.map((c) => c.code));
  const grid: Grid = new Map();
  const out: Violation[] = [];
  for (const v of values) {
    if (!rows.has(v.indicatorCode) || !columns.has(v.columnCode)) {
      out.push({
        code: 'CELL_UNKNOWN',
        row: v.indicatorCode,
        column: v.columnCode,
        message: `Ô ${v.indicatorCode}/${v.columnCode} không có trong biểu mẫu ${form.code}`,
      });
      continue;
    }
    if (v.value !== null && !Number.isFinite(v.value)) {
      out.push({
        code: 'CELL_NOT_NUMBER',
        row: v.indicatorCode,
        column: v.columnCode,
        message: `Ô ${v.indicatorCode}/${v.columnCode}: không phải số`,
      });
      continue;
    }
    grid.set(key(v.indicatorCode, v.columnCode), v.value);
  }
  for (const c of form.constraints) {
    if (c.type === 'sum') out.push(...checkSum(form, grid, c));
    else if (c.type === 'equals') out.push(...checkEquals(grid, c));
    else if (c.type === 'range') out.push(...checkRange(form, grid, c));
    else if (c.type === 'ratio') out.push(...checkRatio(grid, c));
    else out.push(...checkRequired(form, grid, c));
  }
  return out;
}

import type ExcelJS from 'exceljs';
import { cellText as sheetCellText } from '../shared/xlsx-cell.js';
import { choiceOf, parseDate, parseNumber, yesNoOf } from '../core/forms/typed-text.js';
import type { ListColumn, ListValue } from '../core/forms/types.js';

export type ListCellErrorCode = 'CELL_NOT_NUMBER' | 'CELL_NOT_INTEGER' | 'CELL_NOT_DATE' | 'CELL_NOT_YES_NO' | 'CELL_NOT_CHOICE';

/** One cell of an uploaded list, read: its typed value, or what it says and why it does not fit. */
export type ReadListCell = { value: ListValue } | { error: ListCellErrorCode; text: string; problem: string };

/** The cell as text (src/shared/xlsx-cell.ts); an error cell (#N/A…), also as a formula's result, by its code. */
export function cellText(v: ExcelJS.CellValue): string {
  const u = v !== null && typeof v === 'object' && 'result' in v ? (v.result as ExcelJS.CellValue) : v;
  return u !== null && typeof u === 'object' && 'error' in u ? String(u.error) : sheetCellText(u);
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateOf(v: ExcelJS.CellValue, text: string): string | null {
  // ExcelJS gives a date cell as the day at 00:00 UTC; a serial number is a date not formatted as one.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2_958_466)
    return new Date(EXCEL_EPOCH_MS + v * 86_400_000).toISOString().slice(0, 10);
  return parseDate(text);
}

const fail = (error: ListCellErrorCode, text: string, problem: string): ReadListCell => ({ error, text, problem });

/**
 * Reads one cell for its column the way the list editor reads typing: numbers the Vietnamese
 * way ("1.234,5") or as Excel stores them, dates as dd/mm/yyyy or Excel dates, a choice by its
 * value whatever the case, yes/no as "Có"/"Không" (or x, 1/0). Range, length and required are
 * the list's rules, run in the editor once the records are in.
 */
export function readListCell(c: ListColumn, raw: ExcelJS.CellValue): ReadListCell {
  const v = raw !== null && typeof raw === 'object' && 'result' in raw ? (raw.result as ExcelJS.CellValue) : raw;
  const text = cellText(v);
  if (text === '') return { value: null };
  switch (c.type) {
    case 'integer':
    case 'number': {
      const n = typeof v === 'number' ? v : parseNumber(text);
      if (n === 'invalid' || n === null) return fail('CELL_NOT_NUMBER', text, `"${text}" không phải là số (ví dụ 1.234,5)`);
      if (c.type === 'integer' && !Number.isInteger(n)) return fail('CELL_NOT_INTEGER', text, `"${text}" không phải là số nguyên`);
      return { value: n };
    }
    case 'date': {
      const d = dateOf(v, text);
      return d ? { value: d } : fail('CELL_NOT_DATE', text, `"${text}" không phải là ngày có thật (ghi ngày/tháng/năm, ví dụ 15/03/2026)`);
    }
    case 'boolean': {
      const b = typeof v === 'boolean' ? v : yesNoOf(text);
      return b === null ? fail('CELL_NOT_YES_NO', text, `"${text}" không phải Có hoặc Không`) : { value: b };
    }
    case 'code': {
      const choice = choiceOf(c.values ?? [], text);
      return choice === null
        ? fail('CELL_NOT_CHOICE', text, `"${text}" không có trong danh mục (chọn một: ${(c.values ?? []).join(', ')})`)
        : { value: choice };
    }
    default:
      return { value: text };
  }
}

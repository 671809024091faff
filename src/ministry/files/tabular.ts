import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../shared/errors.js';
import { fileLimitError, type FileLimits } from './file-limits.js';
import { cellText } from '../../shared/xlsx-cell.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
export type TabularFormat = 'csv' | 'xlsx';

/** One data line of a file, keyed by the header row; `line` is its line number in the file (header = 1). */
export interface TabularRecord {
  line: number;
  cells: Record<string, string>;
}

/**
 * Legacy files (TCVN3/VNI saved by old Vietnamese software) are not UTF-8; reading them as
 * Latin-1 keeps each byte as one character, which normalizeText then converts to Unicode.
 */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function parseCsv(bytes: Buffer): TabularRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(decodeText(bytes), {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as Record<string, string>[];
  } catch (err) {
    throw new ValidationError('FILE_MALFORMED', `CSV cannot be parsed: ${(err as Error).message}`);
  }
  return rows.map((cells, i) => ({ line: i + 2, cells }));
}

async function parseXlsx(bytes: Buffer): Promise<TabularRecord[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ValidationError('FILE_MALFORMED', `Not a readable xlsx workbook: ${(err as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new ValidationError('FILE_MALFORMED', 'The workbook has no worksheet');
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    header[col] = cellText(cell.value);
  });
  const out: TabularRecord[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    header.forEach((name, col) => {
      if (!name) return;
      const text = cellText(row.getCell(col).value);
      if (text !== '') any = true;
      cells[name] = text;
    });
    if (any) out.push({ line, cells });
  });
  return out;
}

/** Reads the first sheet of an xlsx or a CSV with a header row. */
export async function readTabular(bytes: Buffer, format: TabularFormat): Promise<TabularRecord[]> {
  return format === 'csv' ? parseCsv(bytes) : parseXlsx(bytes);
}

/** Rows and cells of parsed records (a CSV's limits; an xlsx was already counted while unpacking). */
export function assertRecordsWithin(records: TabularRecord[], limits: Pick<FileLimits, 'maxRows' | 'maxCells'>): void {
  if (records.length > limits.maxRows) throw fileLimitError('FILE_TOO_MANY_ROWS', limits.maxRows, records.length);
  const cells = records.reduce((n, r) => n + Object.keys(r.cells).length, 0);
  if (cells > limits.maxCells) throw fileLimitError('FILE_TOO_MANY_CELLS', limits.maxCells, cells);
}

export function formatOfMediaType(media: string): TabularFormat | undefined {
  if (media === CSV_TYPE || media === 'application/csv') return 'csv';
  if (media === XLSX_TYPE) return 'xlsx';
  return undefined;
}

export function formatOfFileName(name: string): TabularFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  return undefined;
}

/**
 * The same file as CSV text (every cell quoted): lets the core's indicator CSV reader take an
 * xlsx catalog too, so both formats are read by one parser.
 */
export function recordsToCsv(records: TabularRecord[]): string {
  const header = [...new Set(records.flatMap((r) => Object.keys(r.cells)))];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [header.map(q).join(','), ...records.map((r) => header.map((h) => q(r.cells[h] ?? '')).join(','))].join('\n');
}

import ExcelJS from 'exceljs';

export interface Column<T> {
  header: string;
  value(row: T): string | number | null;
  width?: number;
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // A leading =, +, -, @ would be a formula in a spreadsheet (CSV injection): quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel reads the Vietnamese letters. */
export function toCsv<T>(rows: T[], columns: Column<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One worksheet per table, headers bold, numbers as numbers. */
export async function toXlsx(sheets: { name: string; rows: unknown[]; columns: Column<never>[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lienthong';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => (c.value as (x: unknown) => string | number | null)(r)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

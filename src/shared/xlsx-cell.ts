import type ExcelJS from 'exceljs';

/**
 * A workbook cell as text, the way every upload reads it (ministry files, the web app's list
 * import): rich text joined, a hyperlink by its text, a formula by its cached result, a date as
 * yyyy-mm-dd; an error cell or anything else reads as empty.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

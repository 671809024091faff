import ExcelJS from 'exceljs';
import type { FormDefinition, ListColumn, ListSpec } from './types.js';

/** Sheet of the records; rows 1–3 title and meta, 4 labels, 5 column codes, 6 the format of each column. */
export const LIST_SHEET = 'Danh sách';
export const LIST_CODES_ROW = 5;
export const FIRST_RECORD_ROW = 7;
/** Sheet listing the allowed values of the choice columns: what their drop-down lists point at. */
const CHOICES_SHEET = 'Danh mục';
const YES_NO = ['Có', 'Không'];

export interface ListTemplateMeta {
  orgUnitName: string;
  orgCode: string;
  periodKey: string;
  generatedAt: Date;
}

/** How a column is to be written, as the hint row and the header's note say it. */
export function formatHint(c: ListColumn): string {
  const unit = c.unit ? ` (${c.unit})` : '';
  switch (c.type) {
    case 'integer':
      return `Số nguyên${unit}, ví dụ 12`;
    case 'number':
      return `Số${unit}, ví dụ 1.234,5`;
    case 'date':
      return 'Ngày/tháng/năm, ví dụ 15/03/2026';
    case 'boolean':
      return 'Có hoặc Không';
    case 'code':
      return `Chọn một: ${(c.values ?? []).join(', ')}`;
    default:
      return c.maxLength !== undefined ? `Văn bản, tối đa ${c.maxLength} ký tự` : 'Văn bản';
  }
}

const colLetter = (n: number): string => (n <= 0 ? '' : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

function bounds(c: ListColumn): Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> {
  if (c.min !== undefined && c.max !== undefined) return { operator: 'between', formulae: [c.min, c.max] };
  if (c.min !== undefined) return { operator: 'greaterThanOrEqual', formulae: [c.min] };
  if (c.max !== undefined) return { operator: 'lessThanOrEqual', formulae: [c.max] };
  return { operator: 'between', formulae: [-1e15, 1e15] };
}

/**
 * Excel's own check of a cell as it is typed (a drop-down for the choices); the upload checks
 * again. A warning, not a stop: an Excel on an English locale does not take "15/03/2026" or
 * "1.234,5" as a date or a number, yet the upload reads them the Vietnamese way.
 */
function validationOf(c: ListColumn, choices: string | undefined): ExcelJS.DataValidation | null {
  const base = {
    errorStyle: 'warning',
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: c.label,
    error: formatHint(c),
    showInputMessage: true,
    prompt: formatHint(c),
  };
  switch (c.type) {
    case 'integer':
      return { ...base, type: 'whole', ...bounds(c) };
    case 'number':
      return { ...base, type: 'decimal', ...bounds(c) };
    case 'date':
      return { ...base, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case 'boolean':
    case 'code':
      return choices ? { ...base, type: 'list', formulae: [choices] } : null;
    default:
      return c.maxLength !== undefined ? { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [c.maxLength] } : null;
  }
}

/** Fills the choices sheet, one column per choice column; returns each column's list range. */
function choiceRanges(wb: ExcelJS.Workbook, spec: ListSpec): Map<string, string> {
  const lists = spec.columns.filter((c) => c.type === 'code' || c.type === 'boolean');
  const out = new Map<string, string>();
  if (lists.length === 0) return out;
  const ws = wb.addWorksheet(CHOICES_SHEET);
  lists.forEach((c, i) => {
    const values = c.type === 'code' ? (c.values ?? []) : YES_NO;
    ws.getCell(1, i + 1).value = c.label;
    ws.getCell(1, i + 1).font = { bold: true };
    values.forEach((v, j) => (ws.getCell(j + 2, i + 1).value = v));
    ws.getColumn(i + 1).width = 24;
    out.set(c.code, `'${CHOICES_SHEET}'!$${colLetter(i + 1)}$2:$${colLetter(i + 1)}$${values.length + 1}`);
  });
  return out;
}

/** The range API ExcelJS has (it writes ranges as they are) but does not declare. */
type WithValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

/**
 * A list-type form as a blank workbook to fill: one column per list column (label, unit, * when
 * required; the header's note and row 6 say the format), row 5 the column codes so the upload
 * can read it back whatever the order, and Excel's own checks for every record row the form
 * allows (drop-downs for the choices, numbers, dates as dd/mm/yyyy, text lengths).
 */
export function buildListTemplate(form: FormDefinition, meta: ListTemplateMeta): ExcelJS.Workbook {
  const spec = form.list!;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lienthong';
  wb.created = meta.generatedAt;
  const ws = wb.addWorksheet(LIST_SHEET, { views: [{ state: 'frozen', ySplit: FIRST_RECORD_ROW - 1 }] });
  ws.addRow([form.name]).font = { bold: true, size: 13 };
  ws.addRow([`Đơn vị: ${meta.orgUnitName} (${meta.orgCode})`, '', `Kỳ báo cáo: ${meta.periodKey}`]);
  ws.addRow([`Mã biểu: ${form.code}`, '', `Mỗi dòng từ dòng ${FIRST_RECORD_ROW} là một bản ghi; cột có dấu * là bắt buộc.`]);
  const header = ws.addRow(spec.columns.map((c) => `${c.label}${c.unit ? ` (${c.unit})` : ''}${c.required ? ' *' : ''}`));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  ws.addRow(spec.columns.map((c) => c.code)).font = { italic: true, color: { argb: 'FF808080' } };
  ws.addRow(spec.columns.map(formatHint)).font = { italic: true, color: { argb: 'FF808080' } };
  const choices = choiceRanges(wb, spec);
  const last = FIRST_RECORD_ROW + spec.maxRecords - 1;
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.type === 'text' ? Math.min(50, Math.max(18, (c.maxLength ?? 40) / 4)) : 18;
    header.getCell(i + 1).note = formatHint(c);
    if (c.type === 'date') col.numFmt = 'dd/mm/yyyy';
    else if (c.type === 'number') col.numFmt = '#,##0.00';
    else if (c.type === 'integer') col.numFmt = '#,##0';
    const dv = validationOf(c, choices.get(c.code));
    const range = `${colLetter(i + 1)}${FIRST_RECORD_ROW}:${colLetter(i + 1)}${last}`;
    if (dv) (ws as unknown as WithValidations).dataValidations.add(range, dv);
  });
  return wb;
}

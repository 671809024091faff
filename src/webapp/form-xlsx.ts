import type ExcelJS from 'exceljs';
import type { CoreServices } from '../core/core-services.js';
import type { FormDefinition } from '../core/forms/types.js';
import { buildFormWorkbook, FIRST_DATA_ROW, LEADING_COLUMNS } from '../core/forms/form-workbook.js';
import { sumParts } from '../core/forms/workbook-formulas.js';
import type { FileLimits } from '../ministry/files/file-limits.js';
import { ValidationError } from '../shared/errors.js';
import { assertSameForm, openWorkbook, sheetOf, templateFile, type TemplateRequest } from './workbook-file.js';

export interface ReadCell {
  indicatorCode: string;
  columnCode: string;
  value: number;
}

/** Row 5 of the sheet names the columns by code (see buildFormWorkbook): what makes it readable back. */
const CODES_ROW = FIRST_DATA_ROW - 1;

async function dataForm(core: CoreServices, code: string): Promise<FormDefinition> {
  const form = await core.forms.require(code);
  if (form.type !== 'data') throw new ValidationError('FORM_NOT_EXPORTABLE', `Form ${code} is not a data form`, { formCode: code }, 422);
  return form;
}

/** The form as a blank workbook for the caller's unit and a period: the layout the upload reads back. */
export async function blankTemplate(core: CoreServices, req: TemplateRequest): Promise<{ fileName: string; bytes: Buffer }> {
  const form = await dataForm(core, req.formCode);
  return templateFile(core, req, (meta) => buildFormWorkbook(form, [], { ...meta, stateLabel: 'Mẫu trống để nhập số liệu' }));
}

function numberOf(v: ExcelJS.CellValue, where: string): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  // A formula counts by its cached result; one never computed (written by a tool, not yet opened in Excel) is empty.
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v || 'result' in v))
    return 'result' in v ? numberOf(v.result as ExcelJS.CellValue, where) : null;
  const text = String(v).trim().replace(/\s/g, '');
  if (text === '') return null;
  // "1.234,5" as Vietnamese staff type it, or "1234.5".
  const n = Number(/,\d+$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text);
  if (!Number.isFinite(n)) throw new ValidationError('XLSX_INVALID', `Ô ${where} không phải là số: "${String(v)}"`, { cell: where });
  return n;
}

/**
 * Reads a filled template (or an export of the form) back into cells: the indicator code in
 * column 2 of each line, the column codes in row 5. Changes nothing: the browser puts the cells
 * into the grid, where the form's rules run and the draft saves as if typed.
 */
export async function readFilledTemplate(core: CoreServices, formCode: string, bytes: Buffer, limits?: FileLimits): Promise<ReadCell[]> {
  return readFormWorkbook(await dataForm(core, formCode), bytes, limits);
}

/** The cells of a workbook laid out as `buildFormWorkbook` writes it, for this form. */
export async function readFormWorkbook(form: FormDefinition, bytes: Buffer, limits?: FileLimits): Promise<ReadCell[]> {
  const ws = sheetOf(await openWorkbook(bytes, limits), 'Biểu mẫu');
  assertSameForm(ws, form);
  const columns = new Map<number, string>();
  ws.getRow(CODES_ROW).eachCell((cell, col) => {
    const code = String(cell.value ?? '').trim();
    if (col > LEADING_COLUMNS && form.columns.some((c) => c.code === code)) columns.set(col, code);
  });
  if (columns.size === 0) throw new ValidationError('XLSX_INVALID', 'Tệp không theo mẫu của biểu: thiếu dòng mã cột');
  const rows = new Set(form.rows.map((r) => r.indicatorCode));
  const parts = sumParts(form);
  const out: ReadCell[] = [];
  const computed: ReadCell[] = [];
  for (let line = FIRST_DATA_ROW; line <= ws.rowCount; line++) {
    const row = ws.getRow(line);
    const indicatorCode = String(row.getCell(2).value ?? '').trim();
    if (!rows.has(indicatorCode)) continue;
    for (const [col, columnCode] of columns) {
      // An empty cell of the file leaves the grid's cell as it is: an upload never wipes a figure.
      const raw = row.getCell(col).value;
      const value = numberOf(raw, row.getCell(col).address);
      if (value === null) continue;
      const isFormula = typeof raw === 'object' && raw !== null && 'formula' in raw;
      (isFormula && parts.has(`${indicatorCode}|${columnCode}`) ? computed : out).push({ indicatorCode, columnCode, value });
    }
  }
  // A total the template computes (=E7+E8) reads 0 while its parts are empty: it counts only when
  // the file holds one of its parts, so a partly filled template never writes a total of nothing.
  // Repeated until nothing is added: a total of totals counts once one of its totals does.
  const filled = new Set(out.map((c) => `${c.indicatorCode}|${c.columnCode}`));
  let pending = computed;
  for (let added = true; added;) {
    added = false;
    const rest: ReadCell[] = [];
    for (const c of pending) {
      if (!parts.get(`${c.indicatorCode}|${c.columnCode}`)!.some((p) => filled.has(`${p}|${c.columnCode}`))) rest.push(c);
      else {
        out.push(c);
        filled.add(`${c.indicatorCode}|${c.columnCode}`);
        added = true;
      }
    }
    pending = rest;
  }
  return out;
}

import type ExcelJS from 'exceljs';
import type { CoreServices } from '../core/core-services.js';
import { buildListTemplate, FIRST_RECORD_ROW, formatHint, LIST_CODES_ROW, LIST_SHEET } from '../core/forms/list-workbook.js';
import type { FormDefinition, ListColumn, ListRecord, ListValue } from '../core/forms/types.js';
import type { FileLimits } from '../ministry/files/file-limits.js';
import { ValidationError } from '../shared/errors.js';
import { cellText, readListCell, type ListCellErrorCode } from './list-cell.js';
import { assertSameForm, openWorkbook, sheetOf, templateFile, type TemplateRequest } from './workbook-file.js';

/** One record of the file: its line in the sheet, its number in the list, the values read. */
export interface ReadListRecord extends ListRecord {
  line: number;
}

/** A cell that does not read as its column's type; its record still comes back, the cell holding the text as written. */
export interface ListCellError {
  code: ListCellErrorCode;
  /** "Dòng 9, cột "Ngày khởi công": …" (the line of the sheet, the column's label). */
  message: string;
  line: number;
  rowNo: number;
  column: string;
  columnLabel: string;
  text: string;
}

export interface ReadList {
  records: ReadListRecord[];
  errors: ListCellError[];
}

async function listForm(core: CoreServices, code: string): Promise<FormDefinition> {
  const form = await core.forms.require(code);
  if (form.type !== 'list' || !form.list)
    throw new ValidationError('FORM_NOT_LIST', `Form ${code} is not a list-type form`, { formCode: code }, 422);
  return form;
}

/** The list form as a blank workbook for the caller's unit and a period: the layout the upload reads back. */
export async function listTemplate(core: CoreServices, req: TemplateRequest): Promise<{ fileName: string; bytes: Buffer }> {
  const form = await listForm(core, req.formCode);
  return templateFile(core, req, (meta) => buildListTemplate(form, meta));
}

/** Reads a filled list template into records; stores nothing (the browser puts them into the list editor). */
export async function readFilledList(core: CoreServices, formCode: string, bytes: Buffer, limits?: FileLimits): Promise<ReadList> {
  return readListWorkbook(await listForm(core, formCode), bytes, limits);
}

/** Columns by the codes row (row 5 of the template, wherever the columns were moved to). */
function columnsOf(ws: ExcelJS.Worksheet, columns: readonly ListColumn[]): Map<number, ListColumn> {
  const byCode = new Map(columns.map((c) => [c.code, c]));
  const out = new Map<number, ListColumn>();
  ws.getRow(LIST_CODES_ROW).eachCell((cell, col) => {
    const c = byCode.get(cellText(cell.value).toUpperCase());
    if (c) out.set(col, c);
  });
  if (out.size === 0) throw new ValidationError('XLSX_INVALID', `Tệp không theo mẫu của biểu: dòng ${LIST_CODES_ROW} không có mã cột nào`);
  return out;
}

/**
 * The records of a workbook laid out as `buildListTemplate` writes it. Every non-empty line from
 * row 7 is a record, numbered in order; a cell that does not read as its type is reported (line,
 * column label, what it says) and kept as the text written, so no line is lost and the editor's
 * rules still name it until it is fixed. Refused as a whole: a file of another form, no records,
 * more records than the form allows, or a file past the import limits.
 */
export async function readListWorkbook(form: FormDefinition, bytes: Buffer, limits?: FileLimits): Promise<ReadList> {
  const spec = form.list!;
  const ws = sheetOf(await openWorkbook(bytes, limits), LIST_SHEET);
  assertSameForm(ws, form);
  const columns = columnsOf(ws, spec.columns);
  const out: ReadList = { records: [], errors: [] };
  for (let line = FIRST_RECORD_ROW; line <= ws.rowCount; line++) {
    const row = ws.getRow(line);
    const cells = [...columns].map(([col, c]) => ({ c, raw: row.getCell(col).value }));
    const texts = cells.map(({ raw }) => cellText(raw));
    // Blank lines are skipped; so is the format line, should a filled file keep it here.
    if (texts.every((t) => t === '') || cells.every(({ c }, i) => texts[i] === '' || texts[i] === formatHint(c))) continue;
    const rowNo = out.records.length + 1;
    const values: Record<string, ListValue> = {};
    for (const { c, raw } of cells) {
      const read = readListCell(c, raw);
      if ('value' in read) {
        if (read.value !== null) values[c.code] = read.value;
        continue;
      }
      values[c.code] = read.text;
      out.errors.push({
        code: read.error,
        message: `Dòng ${line}, cột "${c.label}": ${read.problem}`,
        line,
        rowNo,
        column: c.code,
        columnLabel: c.label,
        text: read.text,
      });
    }
    out.records.push({ line, rowNo, values });
  }
  if (out.records.length === 0)
    throw new ValidationError(
      'LIST_XLSX_EMPTY',
      `Tệp không có bản ghi nào: điền mỗi bản ghi một dòng, từ dòng ${FIRST_RECORD_ROW} của trang "${LIST_SHEET}".`,
    );
  if (out.records.length > spec.maxRecords)
    throw new ValidationError(
      'LIST_XLSX_TOO_MANY',
      `Tệp có ${out.records.length} bản ghi, biểu cho phép tối đa ${spec.maxRecords}: hãy bớt dòng rồi nhập lại.`,
      { records: out.records.length, maxRecords: spec.maxRecords },
      422,
    );
  return out;
}

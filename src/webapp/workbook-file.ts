import ExcelJS from 'exceljs';
import type { CoreServices } from '../core/core-services.js';
import type { FormDefinition } from '../core/forms/types.js';
import type { Principal } from '../http/principal.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../ministry/files/file-limits.js';
import { inspectZip } from '../ministry/files/zip-inspect.js';
import { AppError, ValidationError } from '../shared/errors.js';

/**
 * An uploaded workbook, opened within the import limits (IMPORT_MAX_* settings, the ministry
 * imports' own): the zip is inspected first, inflating as a capped stream and counting rows and
 * cells, so a zip bomb is refused (413) before ExcelJS parses anything.
 */
export async function openWorkbook(bytes: Buffer, limits: FileLimits = DEFAULT_FILE_LIMITS): Promise<ExcelJS.Workbook> {
  try {
    await inspectZip(bytes, limits);
  } catch (err) {
    if (err instanceof AppError && err.code === 'FILE_MALFORMED') throw notXlsx();
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  return wb;
}

const notXlsx = () => new ValidationError('XLSX_INVALID', 'Tệp không phải là tệp Excel (.xlsx) đọc được');

/** The sheet by its name in the templates, else the first; refused when the workbook has none. */
export function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name) ?? wb.worksheets[0];
  if (!ws) throw new ValidationError('XLSX_INVALID', 'Tệp Excel không có trang tính nào');
  return ws;
}

/** Refuses a file whose third row names another form ("Mã biểu: …", as the templates write it). */
export function assertSameForm(ws: ExcelJS.Worksheet, form: FormDefinition): void {
  const codeCell = String(ws.getRow(3).getCell(1).value ?? '');
  const fileForm = /Mã biểu:\s*(\S+)/.exec(codeCell)?.[1];
  if (fileForm && fileForm !== form.code)
    throw new ValidationError('XLSX_FORM_MISMATCH', `Tệp là của biểu ${fileForm}, không phải ${form.code}`, {
      fileForm,
      formCode: form.code,
    });
}

/** Who a blank template is for: its header names the caller's unit and the period. */
export interface TemplateMeta {
  orgUnitName: string;
  orgCode: string;
  periodKey: string;
  generatedAt: Date;
}

export interface TemplateRequest {
  principal: Principal;
  formCode: string;
  periodKey: string;
  now: Date;
}

/** A blank template of a form for the caller's unit and a period, written by the form type's own builder. */
export async function templateFile(
  core: CoreServices,
  req: TemplateRequest,
  build: (meta: TemplateMeta) => ExcelJS.Workbook,
): Promise<{ fileName: string; bytes: Buffer }> {
  const unit = await core.orgUnits.require(req.principal.orgUnitId);
  const wb = build({ orgUnitName: unit.name, orgCode: unit.orgCode, periodKey: req.periodKey, generatedAt: req.now });
  return { fileName: `mau-${req.formCode}-${req.periodKey}.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

import ExcelJS from 'exceljs';
import type { FormDefinition } from '../../core/forms/types.js';
import type { CellValue } from '../../core/submissions/types.js';
import { disaggregationKey } from '../../core/submissions/types.js';

export interface FormExportMeta {
  orgUnitName: string;
  orgCode: string;
  periodKey: string;
  /** Workflow state in Vietnamese, or "Chưa có số liệu" for an empty form. */
  stateLabel: string;
  generatedAt: Date;
}

/** Row of the grid where the first indicator sits (title, meta, headers above it). */
export const FIRST_DATA_ROW = 6;
/** Columns before the form's value columns: STT, mã chỉ tiêu, chỉ tiêu, đơn vị tính. */
export const LEADING_COLUMNS = 4;

/**
 * A data form as a workbook: sheet "Biểu mẫu" is the grid as people read it (rows = indicators
 * in form order, columns = the form's columns, totals only); row 5 carries the column codes so
 * the sheet can be read back by machine. Sheet "Phân tổ" lists disaggregated cells one per line.
 */
export function buildFormWorkbook(form: FormDefinition, values: CellValue[], meta: FormExportMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lienthong';
  wb.created = meta.generatedAt;
  const ws = wb.addWorksheet('Biểu mẫu');
  ws.addRow([form.name]).font = { bold: true, size: 13 };
  ws.addRow([`Đơn vị: ${meta.orgUnitName} (${meta.orgCode})`, '', '', `Kỳ báo cáo: ${meta.periodKey}`]);
  ws.addRow([`Mã biểu: ${form.code}`, '', '', `Trạng thái: ${meta.stateLabel}`]);
  const header = ws.addRow(['STT', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', ...form.columns.map((c) => c.label)]);
  header.font = { bold: true };
  ws.addRow(['', 'indicatorCode', '', 'unit', ...form.columns.map((c) => c.code)]).font = { italic: true, color: { argb: 'FF808080' } };
  const totals = new Map<string, number | null>();
  for (const v of values) if (disaggregationKey(v.disaggregation) === '') totals.set(`${v.indicatorCode}|${v.columnCode}`, v.value);
  const rows = [...form.rows].sort((a, b) => a.order - b.order);
  rows.forEach((r, i) => {
    ws.addRow([i + 1, r.indicatorCode, r.label, r.unit, ...form.columns.map((c) => totals.get(`${r.indicatorCode}|${c.code}`) ?? null)]);
  });
  ws.getColumn(3).width = 60;
  ws.getColumn(4).width = 14;
  for (let c = LEADING_COLUMNS + 1; c <= LEADING_COLUMNS + form.columns.length; c += 1) ws.getColumn(c).width = 18;
  const parts = values.filter((v) => disaggregationKey(v.disaggregation) !== '');
  if (parts.length > 0) {
    const ps = wb.addWorksheet('Phân tổ');
    ps.addRow(['Mã chỉ tiêu', 'Cột', 'Phân tổ', 'Giá trị']).font = { bold: true };
    for (const v of parts) ps.addRow([v.indicatorCode, v.columnCode, disaggregationKey(v.disaggregation), v.value]);
  }
  ws.addRow([]);
  ws.addRow([`Xuất lúc ${meta.generatedAt.toISOString()} từ hệ thống lienthong`]).font = { italic: true, size: 9 };
  return wb;
}

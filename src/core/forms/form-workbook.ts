import ExcelJS from 'exceljs';
import type { FormDefinition } from './types.js';
import { sumFormulas, type SheetLayout } from './workbook-formulas.js';
import { cellNotes, type NoteComment } from './workbook-notes.js';

/** One entered cell, as the workbook reads it ('' = no disaggregation: the total cell). */
export interface WorkbookValue {
  indicatorCode: string;
  columnCode: string;
  /** '' for the total cell; else the disaggregation key (e.g. "gioi_tinh=nam"). */
  disaggregationKey: string;
  value: number | null;
}

export interface FormExportMeta {
  orgUnitName: string;
  orgCode: string;
  periodKey: string;
  /** Workflow state in Vietnamese, or "Chưa có số liệu" for an empty form. */
  stateLabel: string;
  generatedAt: Date;
  /** The cell comments of the report: each becomes part of its cell's note. */
  comments?: readonly NoteComment[];
}

/** Row of the grid where the first indicator sits (title, meta, headers above it). */
export const FIRST_DATA_ROW = 6;
/** Columns before the form's value columns: STT, mã chỉ tiêu, chỉ tiêu, đơn vị tính. */
export const LEADING_COLUMNS = 4;

/**
 * A data form as a workbook: sheet "Biểu mẫu" is the grid as people read it (rows = indicators
 * in form order, columns = the form's columns, totals only); row 5 carries the column codes so
 * the sheet can be read back by machine. A total of the form's sum rules is an Excel formula
 * over its parts (so a template computes as it is filled), cell comments are the cells' notes.
 * Sheet "Phân tổ" lists disaggregated cells one per line.
 */
export function buildFormWorkbook(form: FormDefinition, values: readonly WorkbookValue[], meta: FormExportMeta): ExcelJS.Workbook {
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
  for (const v of values) if (v.disaggregationKey === '') totals.set(`${v.indicatorCode}|${v.columnCode}`, v.value);
  const rows = [...form.rows].sort((a, b) => a.order - b.order);
  const layout: SheetLayout = {
    rowOf: new Map(rows.map((r, i) => [r.indicatorCode, FIRST_DATA_ROW + i])),
    columnOf: new Map(form.columns.map((c, i) => [c.code, LEADING_COLUMNS + 1 + i])),
  };
  const formulas = sumFormulas(form, layout, (row, column) => totals.get(`${row}|${column}`) ?? null);
  rows.forEach((r, i) => {
    const line = ws.addRow([
      i + 1,
      r.indicatorCode,
      r.label,
      r.unit,
      ...form.columns.map((c) => {
        const key = `${r.indicatorCode}|${c.code}`;
        return formulas.get(key) ?? totals.get(key) ?? null;
      }),
    ]);
    form.columns.forEach((c, ci) => {
      if (formulas.has(`${r.indicatorCode}|${c.code}`)) line.getCell(LEADING_COLUMNS + 1 + ci).font = { bold: true };
    });
  });
  for (const [key, note] of cellNotes(meta.comments ?? [])) {
    const [row, column] = key.split('|');
    const line = layout.rowOf.get(row!);
    const col = layout.columnOf.get(column!);
    if (line && col) ws.getCell(line, col).note = note;
  }
  ws.getColumn(3).width = 60;
  ws.getColumn(4).width = 14;
  for (let c = LEADING_COLUMNS + 1; c <= LEADING_COLUMNS + form.columns.length; c += 1) ws.getColumn(c).width = 18;
  const parts = values.filter((v) => v.disaggregationKey !== '');
  if (parts.length > 0) {
    const ps = wb.addWorksheet('Phân tổ');
    ps.addRow(['Mã chỉ tiêu', 'Cột', 'Phân tổ', 'Giá trị']).font = { bold: true };
    for (const v of parts) ps.addRow([v.indicatorCode, v.columnCode, v.disaggregationKey, v.value]);
  }
  ws.addRow([]);
  ws.addRow([`Xuất lúc ${meta.generatedAt.toISOString()} từ hệ thống lienthong`]).font = { italic: true, size: 9 };
  return wb;
}

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildListTemplate, FIRST_RECORD_ROW, LIST_SHEET } from '../../src/core/forms/list-workbook.js';
import type { FormDefinition } from '../../src/core/forms/types.js';
import { DEFAULT_FILE_LIMITS } from '../../src/ministry/files/file-limits.js';
import { readListWorkbook } from '../../src/webapp/list-xlsx.js';

// The columns of DTC-DS01 (fixtures/regimes/public-investment-projects.json), a smaller maximum.
const FORM: FormDefinition = {
  code: 'DTC-DS01',
  name: 'Biểu số DS01: Danh mục dự án đầu tư công',
  type: 'list',
  regimeCode: 'DTC-DUAN',
  rows: [],
  columns: [],
  constraints: [],
  narrative: null,
  list: {
    keyColumn: 'MA_DU_AN',
    maxRecords: 5,
    columns: [
      { code: 'MA_DU_AN', label: 'Mã dự án', type: 'text', required: true, maxLength: 32 },
      { code: 'TEN_DU_AN', label: 'Tên dự án', type: 'text', required: true },
      { code: 'NHOM', label: 'Nhóm dự án', type: 'code', required: true, values: ['A', 'B', 'C'] },
      { code: 'TONG_MUC_DAU_TU', label: 'Tổng mức đầu tư', type: 'number', unit: 'tỷ đồng', min: 0 },
      { code: 'SO_GOI_THAU', label: 'Số gói thầu', type: 'integer' },
      { code: 'NGAY_KHOI_CONG', label: 'Ngày khởi công', type: 'date' },
      { code: 'HOAN_THANH', label: 'Đã hoàn thành', type: 'boolean' },
    ],
  },
  template: false,
  sample: true,
};
const META = { orgUnitName: 'Văn phòng UBND tỉnh', orgCode: 'T01', periodKey: '2026-AH3', generatedAt: new Date('2026-03-02T01:00:00Z') };

type Line = (string | number | boolean | Date | null)[];

/** The blank template, filled from row 7 as a person would (columns in the form's order), as bytes. */
async function filled(lines: Line[], form = FORM): Promise<Buffer> {
  const wb = buildListTemplate(form, META);
  const ws = wb.getWorksheet(LIST_SHEET)!;
  lines.forEach((values, i) => values.forEach((v, j) => (ws.getCell(FIRST_RECORD_ROW + i, j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; status: number }> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code: string; message: string; status: number }) => e,
  );
}

describe('a list form as an xlsx template, read back into records', () => {
  it('writes labels, codes, the format of each column and Excel checks on every row the form allows', async () => {
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await filled([])) as unknown as ArrayBuffer);
    const ws = back.getWorksheet(LIST_SHEET)!;
    expect(ws.getRow(3).getCell(1).value).toBe('Mã biểu: DTC-DS01');
    expect(ws.getRow(4).getCell(4).value).toBe('Tổng mức đầu tư (tỷ đồng)');
    expect(ws.getRow(4).getCell(1).value).toBe('Mã dự án *');
    expect(ws.getRow(5).getCell(3).value).toBe('NHOM');
    expect(ws.getRow(6).getCell(6).value).toBe('Ngày/tháng/năm, ví dụ 15/03/2026');
    expect(ws.getCell('C7').dataValidation).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$A$2:$A$4"] });
    expect(ws.getCell('C11').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('C12').dataValidation).toBeUndefined();
    expect(ws.getCell('D7').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell('F7').numFmt).toBe('dd/mm/yyyy');
    // A warning, not a stop: "15/03/2026" typed as text in an English-locale Excel still goes in (the upload reads it).
    expect(ws.getCell('F7').dataValidation).toMatchObject({
      type: 'date',
      errorStyle: 'warning',
      prompt: 'Ngày/tháng/năm, ví dụ 15/03/2026',
    });
    expect(back.getWorksheet('Danh mục')!.getColumn(1).values.slice(1)).toEqual(['Nhóm dự án', 'A', 'B', 'C']);
  });

  it('reads good rows typed: Vietnamese numbers, dd/mm/yyyy and Excel dates, a choice whatever its case, Có/Không', async () => {
    const bytes = await filled([
      ['DA-01', 'Đường tỉnh 129', 'b', '1.234,5', 3, '15/02/2026', 'Có'],
      [],
      ['DA-02', 'Cầu Nậm Na', 'C', 80, null, new Date(Date.UTC(2026, 2, 1)), false],
    ]);
    const read = await readListWorkbook(FORM, bytes);
    expect(read.errors).toEqual([]);
    // The blank line between them is skipped; records are numbered in order, each with its line of the sheet.
    expect(read.records).toEqual([
      {
        line: 7,
        rowNo: 1,
        values: {
          MA_DU_AN: 'DA-01',
          TEN_DU_AN: 'Đường tỉnh 129',
          NHOM: 'B',
          TONG_MUC_DAU_TU: 1234.5,
          SO_GOI_THAU: 3,
          NGAY_KHOI_CONG: '2026-02-15',
          HOAN_THANH: true,
        },
      },
      {
        line: 9,
        rowNo: 2,
        values: {
          MA_DU_AN: 'DA-02',
          TEN_DU_AN: 'Cầu Nậm Na',
          NHOM: 'C',
          TONG_MUC_DAU_TU: 80,
          NGAY_KHOI_CONG: '2026-03-01',
          HOAN_THANH: false,
        },
      },
    ]);
  });

  it('names each bad cell by line and column label in Vietnamese, and keeps every record with the text as written', async () => {
    const bytes = await filled([
      ['DA-01', 'Đường tỉnh 129', 'B', '120,5', 2, '31/02/2026', 'Không'],
      ['DA-02', 'Cầu Nậm Na', 'C', 'một trăm', 1.5, '01/03/2026', 'chưa'],
      ['DA-03', 'Trường THPT Phong Thổ', 'D', 45, 4, '02/03/2026', 'x'],
    ]);
    const read = await readListWorkbook(FORM, bytes);
    expect(read.records.map((r) => r.rowNo)).toEqual([1, 2, 3]);
    expect(read.records[0]!.values).toMatchObject({ TONG_MUC_DAU_TU: 120.5, NGAY_KHOI_CONG: '31/02/2026', HOAN_THANH: false });
    expect(read.records[2]!.values).toMatchObject({ NHOM: 'D', TONG_MUC_DAU_TU: 45, HOAN_THANH: true });
    expect(read.errors.map((e) => [e.code, e.line, e.rowNo, e.column, e.message])).toEqual([
      [
        'CELL_NOT_DATE',
        7,
        1,
        'NGAY_KHOI_CONG',
        'Dòng 7, cột "Ngày khởi công": "31/02/2026" không phải là ngày có thật (ghi ngày/tháng/năm, ví dụ 15/03/2026)',
      ],
      ['CELL_NOT_NUMBER', 8, 2, 'TONG_MUC_DAU_TU', 'Dòng 8, cột "Tổng mức đầu tư": "một trăm" không phải là số (ví dụ 1.234,5)'],
      ['CELL_NOT_INTEGER', 8, 2, 'SO_GOI_THAU', 'Dòng 8, cột "Số gói thầu": "1.5" không phải là số nguyên'],
      ['CELL_NOT_YES_NO', 8, 2, 'HOAN_THANH', 'Dòng 8, cột "Đã hoàn thành": "chưa" không phải Có hoặc Không'],
      ['CELL_NOT_CHOICE', 9, 3, 'NHOM', 'Dòng 9, cột "Nhóm dự án": "D" không có trong danh mục (chọn một: A, B, C)'],
    ]);
  });

  it('refuses a template with no record, a file that is not xlsx and a file of another form', async () => {
    const empty = await refusal(readListWorkbook(FORM, await filled([])));
    expect(empty.code).toBe('LIST_XLSX_EMPTY');
    expect(empty.message).toContain('Tệp không có bản ghi nào');
    expect((await refusal(readListWorkbook(FORM, Buffer.from('Mã dự án,Tên dự án\nDA-01,x\n')))).code).toBe('XLSX_INVALID');
    const other = { ...FORM, code: 'DTC-DS02' };
    const mismatch = await refusal(readListWorkbook(FORM, await filled([['DA-01', 'x', 'A']], other)));
    expect(mismatch.code).toBe('XLSX_FORM_MISMATCH');
  });

  it('refuses more records than the form allows, and a file past the import limits before it is parsed', async () => {
    const six = Array.from({ length: 6 }, (_, i): Line => [`DA-${i + 1}`, 'Dự án', 'A']);
    const tooMany = await refusal(readListWorkbook(FORM, await filled(six)));
    expect([tooMany.code, tooMany.status]).toEqual(['LIST_XLSX_TOO_MANY', 422]);
    expect(tooMany.message).toBe('Tệp có 6 bản ghi, biểu cho phép tối đa 5: hãy bớt dòng rồi nhập lại.');
    // IMPORT_MAX_ROWS: the sheet's rows are counted while the zip inflates (6 template rows + 3 records > 8).
    const limits = { ...DEFAULT_FILE_LIMITS, maxRows: 8 };
    const rows = await refusal(readListWorkbook(FORM, await filled(six.slice(0, 3)), limits));
    expect([rows.code, rows.status]).toEqual(['FILE_TOO_MANY_ROWS', 413]);
    expect(rows.message).toContain('Hãy chia nhỏ tệp');
  });
});

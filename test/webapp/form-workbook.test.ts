import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildFormWorkbook, FIRST_DATA_ROW } from '../../src/core/forms/form-workbook.js';
import type { FormDefinition } from '../../src/core/forms/types.js';
import { readFormWorkbook } from '../../src/webapp/form-xlsx.js';

// Revenue = taxes + fees; taxes = domestic + import (a total of a total); PCT is a percent column.
const FORM: FormDefinition = {
  code: 'BT01',
  name: 'Biểu số 01: Thu ngân sách',
  type: 'data',
  regimeCode: null,
  rows: [
    { indicatorCode: 'REV', label: 'Tổng thu', unit: 'triệu đồng', order: 1 },
    { indicatorCode: 'TAX', label: 'Thu thuế', unit: 'triệu đồng', order: 2 },
    { indicatorCode: 'DOM', label: 'Thuế nội địa', unit: 'triệu đồng', order: 3 },
    { indicatorCode: 'IMP', label: 'Thuế xuất nhập khẩu', unit: 'triệu đồng', order: 4 },
    { indicatorCode: 'FEE', label: 'Phí, lệ phí', unit: 'triệu đồng', order: 5 },
  ],
  columns: [
    { code: 'PLAN', label: 'Kế hoạch', kind: 'number' },
    { code: 'THIS', label: 'Thực hiện kỳ', kind: 'number' },
    { code: 'PCT', label: '% cùng kỳ', kind: 'percent' },
  ],
  constraints: [
    { id: 's1', type: 'sum', total: 'REV', parts: ['TAX', 'FEE'] },
    { id: 's2', type: 'sum', total: 'TAX', parts: ['DOM', 'IMP'] },
  ],
  narrative: null,
  template: false,
  sample: false,
};

const META = {
  orgUnitName: 'Xã Bình Lư',
  orgCode: 'X01',
  periodKey: '2027-M01',
  stateLabel: 'Đang nhập liệu',
  generatedAt: new Date('2027-02-03T01:30:00Z'),
};
const cell = (indicatorCode: string, columnCode: string, value: number | null) => ({
  indicatorCode,
  columnCode,
  disaggregationKey: '',
  value,
});
const line = (code: string) => FIRST_DATA_ROW + FORM.rows.findIndex((r) => r.indicatorCode === code);

async function reopen(wb: ExcelJS.Workbook): Promise<{ bytes: Buffer; ws: ExcelJS.Worksheet }> {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, ws: back.getWorksheet('Biểu mẫu')! };
}

describe('the form as a workbook', () => {
  it('writes each sum total as a formula over its parts, cached at the saved figure, and reads it back unchanged', async () => {
    const values = [
      cell('REV', 'THIS', 100),
      cell('TAX', 'THIS', 70),
      cell('DOM', 'THIS', 60),
      cell('IMP', 'THIS', 10),
      cell('FEE', 'THIS', 30),
    ];
    const { bytes, ws } = await reopen(buildFormWorkbook(FORM, values, META));
    // Columns: A STT, B code, C label, D unit, E PLAN, F THIS, G PCT.
    expect(ws.getCell(line('REV'), 6).value).toEqual({ formula: `F${line('TAX')}+F${line('FEE')}`, result: 100 });
    expect(ws.getCell(line('TAX'), 6).value).toEqual({ formula: `F${line('DOM')}+F${line('IMP')}`, result: 70 });
    expect(ws.getCell(line('DOM'), 6).value).toBe(60);
    // Percent columns are not summed: no formula, and the empty cell stays empty.
    expect(ws.getCell(line('REV'), 7).value).toBeNull();
    const read = await readFormWorkbook(FORM, bytes);
    expect(new Map(read.map((c) => [`${c.indicatorCode}|${c.columnCode}`, c.value]))).toEqual(
      new Map([
        ['REV|THIS', 100],
        ['TAX|THIS', 70],
        ['DOM|THIS', 60],
        ['IMP|THIS', 10],
        ['FEE|THIS', 30],
      ]),
    );
  });

  it('keeps a total that differs from its parts, or is empty beside entered parts, as the plain figure', async () => {
    const values = [cell('REV', 'THIS', 999), cell('TAX', 'THIS', 70), cell('FEE', 'THIS', 30), cell('DOM', 'PLAN', 5)];
    const { ws } = await reopen(buildFormWorkbook(FORM, values, META));
    expect(ws.getCell(line('REV'), 6).value).toBe(999);
    // TAX|PLAN is empty while DOM|PLAN is entered: no total nobody entered.
    expect(ws.getCell(line('TAX'), 5).value).toBeNull();
    // REV|PLAN: its parts TAX and FEE are empty, so the blank formula stays (it computes once they are filled).
    expect(ws.getCell(line('REV'), 5).value).toEqual({ formula: `E${line('TAX')}+E${line('FEE')}` });
  });

  it('a blank template computes its totals; a computed total of empty parts is not read back', async () => {
    const wb = buildFormWorkbook(FORM, [], META);
    const ws = wb.getWorksheet('Biểu mẫu')!;
    // As Excel saves a filled template: the parts typed, every formula cached with its result.
    ws.getCell(line('DOM'), 6).value = 60;
    ws.getCell(line('IMP'), 6).value = 10;
    ws.getCell(line('TAX'), 6).value = { formula: `F${line('DOM')}+F${line('IMP')}`, result: 70 };
    ws.getCell(line('REV'), 6).value = { formula: `F${line('TAX')}+F${line('FEE')}`, result: 70 };
    ws.getCell(line('TAX'), 5).value = { formula: `E${line('DOM')}+E${line('IMP')}`, result: 0 };
    ws.getCell(line('REV'), 5).value = { formula: `E${line('TAX')}+E${line('FEE')}`, result: 0 };
    const read = await readFormWorkbook(FORM, Buffer.from(await wb.xlsx.writeBuffer()));
    // THIS: the parts and both totals (REV counts through TAX). PLAN: nothing typed, nothing read.
    expect(read.map((c) => `${c.indicatorCode}|${c.columnCode}=${c.value}`).sort()).toEqual([
      'DOM|THIS=60',
      'IMP|THIS=10',
      'REV|THIS=70',
      'TAX|THIS=70',
    ]);
  });

  it("puts a cell's comments, oldest first with author and Vietnam time, into its note", async () => {
    const comments = [
      {
        indicatorCode: 'DOM',
        columnCode: 'THIS',
        disaggregationKey: '',
        authorName: 'Lãnh đạo xã',
        body: 'Số này cao bất thường?',
        createdAt: new Date('2027-02-03T09:00:00Z'),
      },
      {
        indicatorCode: 'DOM',
        columnCode: 'THIS',
        disaggregationKey: '',
        authorName: 'Cán bộ nhập liệu',
        body: 'Có khoản thu một lần.',
        createdAt: new Date('2027-02-03T02:05:00Z'),
      },
      {
        indicatorCode: 'DOM',
        columnCode: 'THIS',
        disaggregationKey: 'gioi_tinh=nam',
        authorName: 'X',
        body: 'phân tổ',
        createdAt: new Date('2027-02-03T02:05:00Z'),
      },
    ];
    const { ws } = await reopen(buildFormWorkbook(FORM, [cell('DOM', 'THIS', 60)], { ...META, comments }));
    const note = ws.getCell(line('DOM'), 6).note;
    const text = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
    expect(text).toBe('Cán bộ nhập liệu (03/02/2027 09:05): Có khoản thu một lần.\nLãnh đạo xã (03/02/2027 16:00): Số này cao bất thường?');
    expect(ws.getCell(line('IMP'), 6).note).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { mergeImported, type ListXlsxRead } from '../../src/webapp/ui/list/list-import.js';
import type { ListSpec } from '../../src/webapp/ui/list/list-values.js';

const SPEC = {
  maxRecords: 3,
  keyColumn: 'MA',
  columns: [
    { code: 'MA', label: 'Mã', type: 'text', required: true },
    { code: 'TONG', label: 'Tổng', type: 'number' },
    { code: 'NGAY', label: 'Ngày', type: 'date' },
    { code: 'XONG', label: 'Xong', type: 'boolean' },
  ],
} as ListSpec;

describe('records of an uploaded workbook into the list editor', () => {
  it('replaces the row of a key already listed, adds the rest up to the maximum, drops a blank row, keys the errors by row', () => {
    let next = 10;
    const rows = [
      { key: 1, text: { MA: 'DA-01', TONG: '5' } },
      { key: 2, text: { MA: '', TONG: ' ' } },
    ];
    const read: ListXlsxRead = {
      records: [
        { line: 7, rowNo: 1, values: { MA: 'DA-02', TONG: 1234.5, NGAY: '31/02/2026', XONG: true } },
        { line: 8, rowNo: 2, values: { MA: 'DA-01', TONG: 80, NGAY: '2026-03-01' } },
        { line: 9, rowNo: 3, values: { MA: 'DA-03' } },
        { line: 10, rowNo: 4, values: { MA: 'DA-04' } },
      ],
      errors: [
        {
          code: 'CELL_NOT_DATE',
          message: 'Dòng 7, cột "Ngày": …',
          line: 7,
          rowNo: 1,
          column: 'NGAY',
          columnLabel: 'Ngày',
          text: '31/02/2026',
        },
      ],
    };
    const r = mergeImported(SPEC, rows, read, () => next++);
    // Shown as typed: numbers the Vietnamese way, dates dd/mm/yyyy, the unreadable date as written.
    expect(r.rows).toEqual([
      { key: 1, text: { MA: 'DA-01', TONG: '80', NGAY: '01/03/2026', XONG: '' } },
      { key: 10, text: { MA: 'DA-02', TONG: '1.234,5', NGAY: '31/02/2026', XONG: 'true' } },
      { key: 11, text: { MA: 'DA-03', TONG: '', NGAY: '', XONG: '' } },
    ]);
    expect([r.added, r.replaced, r.dropped]).toEqual([2, 1, 1]);
    expect([...r.touched]).toEqual([10, 1, 11]);
    expect([...r.errors]).toEqual([['10|NGAY', 'Dòng 7, cột "Ngày": …']]);
  });
});

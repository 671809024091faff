import { describe, expect, it } from 'vitest';
import { isBlock, parseBlock, pasteBlock, pastedText } from '../../src/webapp/ui/list/list-paste.js';
import type { ListSpec } from '../../src/webapp/ui/list/list-values.js';

const SPEC: ListSpec = {
  maxRecords: 3,
  columns: [
    { code: 'MA', label: 'Mã', type: 'text', required: true },
    { code: 'NHOM', label: 'Nhóm', type: 'code', values: ['A', 'B', 'C'] },
    { code: 'TONG', label: 'Tổng', type: 'number' },
    { code: 'XONG', label: 'Xong', type: 'boolean' },
  ],
} as ListSpec;

describe('pasting a block from Excel into the list editor', () => {
  it('reads lines and tabs, Excel trailing newline and Windows line ends included', () => {
    expect(parseBlock('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(isBlock('DA-01\n')).toBe(false);
    expect(isBlock('DA-01\tB')).toBe(true);
    expect(isBlock('DA-01\nDA-02')).toBe(true);
  });

  it('fills from the focused cell, converts choices, adds rows up to the maximum and counts what it left out', () => {
    let next = 10;
    const rows = [{ key: 1, text: { MA: 'DA-01', TONG: '5' } }];
    const block = parseBlock('b\t120,5\tCó\textra\nc\t-3\tkhông\nA\t7\tx\nB\t8\t0\n');
    const r = pasteBlock(SPEC, rows, { key: 1, column: 'NHOM' }, block, () => next++);
    expect(r.rows).toEqual([
      { key: 1, text: { MA: 'DA-01', NHOM: 'B', TONG: '120,5', XONG: 'true' } },
      { key: 10, text: { NHOM: 'C', TONG: '-3', XONG: 'false' } },
      { key: 11, text: { NHOM: 'A', TONG: '7', XONG: 'true' } },
    ]);
    // 3 cells per kept line (the 4th of line 1 is past the last column); line 4 passes maxRecords.
    expect(r.cells).toBe(9);
    expect(r.droppedLines).toBe(1);
    // The rows passed in are not changed: the editor sets the result as its new state.
    expect(rows).toEqual([{ key: 1, text: { MA: 'DA-01', TONG: '5' } }]);
  });

  it('keeps an unknown choice as pasted, so the rules name it', () => {
    expect(pastedText(SPEC.columns[1]!, ' d ')).toBe('d');
    expect(pastedText(SPEC.columns[3]!, 'có lẽ')).toBe('có lẽ');
  });

  it('does nothing from a cell that is not in the list', () => {
    const rows = [{ key: 1, text: {} }];
    expect(pasteBlock(SPEC, rows, { key: 9, column: 'MA' }, [['x']], () => 2)).toEqual({ rows, cells: 0, droppedLines: 0 });
  });
});

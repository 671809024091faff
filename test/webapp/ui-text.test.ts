import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/webapp/ui/format.js';
import { STATE_LABEL } from '../../src/webapp/ui/messages.js';
import { cellMessage } from '../../src/webapp/ui/list/list-messages.js';
import { parseDate, toText, toValue, type ListSpec } from '../../src/webapp/ui/list/list-values.js';

const css = readFileSync('src/webapp/public/app.css', 'utf8');

/** The `content` of `.st-<state>::before` in the app's stylesheet, or null. */
function symbolOf(state: string): string | null {
  const m = new RegExp(`\\.st-${state}::before\\s*\\{[^}]*content:\\s*'([^']+)'`).exec(css);
  return m ? m[1]! : null;
}

describe('web app texts', () => {
  it('unit search ignores diacritics and case: "lai chau" finds "Lai Châu", "dien bien" finds "Điện Biên"', () => {
    const matches = (name: string, typed: string) => fold(name).includes(fold(typed));
    expect(matches('Tỉnh Lai Châu', 'lai chau')).toBe(true);
    expect(matches('Xã Tam Đường', 'tam duong')).toBe(true);
    expect(matches('Tỉnh Điện Biên', 'DIEN BIEN')).toBe(true);
    // Decomposed input (NFD, as some keyboards send it) folds the same.
    expect(matches('Tỉnh Lai Châu', 'Lai Châu'.normalize('NFD'))).toBe(true);
    expect(matches('Tỉnh Lai Châu', 'lai chan')).toBe(false);
  });

  it('status is never colour alone: every workflow state has its words and its own symbol', () => {
    const symbols = Object.keys(STATE_LABEL).map((state) => [state, symbolOf(state)] as const);
    expect(symbols.filter(([, sym]) => !sym).map(([state]) => state)).toEqual([]);
    // States that share a colour (returned / refused: red; draft / submitted: blue) differ by symbol.
    expect(new Set(symbols.map(([, sym]) => sym)).size).toBe(symbols.length);
    for (const label of Object.values(STATE_LABEL)) expect(label).toMatch(/[À-ỹ]|^[A-Za-z ]+$/);
  });

  it('list cells read the Vietnamese way and say in Vietnamese what is wrong', () => {
    const spec: ListSpec = {
      maxRecords: 10,
      columns: [
        { code: 'TONG', label: 'Tổng mức đầu tư', type: 'number', min: 0 },
        { code: 'NGAY', label: 'Ngày khởi công', type: 'date' },
        { code: 'NHOM', label: 'Nhóm', type: 'code', values: ['A', 'B'] },
      ],
    };
    const [tong, ngay] = spec.columns;
    expect(toValue(tong!, '1.234,5')).toBe(1234.5);
    expect(toValue(tong!, '12 tỷ')).toBe('12 tỷ');
    expect(toText(tong!, 1234.5)).toBe('1.234,5');
    expect(toValue(ngay!, '5/3/2026')).toBe('2026-03-05');
    expect(parseDate('30/02/2026')).toBeNull();
    expect(toText(ngay!, '2026-03-05')).toBe('05/03/2026');
    expect(cellMessage(spec, { code: 'RECORD_OUT_OF_RANGE', rowNo: 1, column: 'TONG', message: '' })).toBe('Không được nhỏ hơn 0');
    expect(cellMessage(spec, { code: 'RECORD_TYPE_INVALID', rowNo: 1, column: 'NGAY', message: '' })).toContain('ngày/tháng/năm');
    expect(cellMessage(spec, { code: 'RECORD_VALUE_NOT_ALLOWED', rowNo: 1, column: 'NHOM', message: '' })).toBe('Chỉ được chọn: A, B');
  });
});

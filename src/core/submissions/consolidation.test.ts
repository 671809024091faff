import { describe, expect, it } from 'vitest';
import { sumChildValues } from './consolidation.js';
import type { FormInfo } from './ports.js';
import type { CellValue } from './types.js';

const form: FormInfo = {
  code: 'F',
  name: 'F',
  regimeCode: 'R',
  type: 'data',
  rows: [
    { indicatorCode: 'POP', unit: 'người' },
    { indicatorCode: 'GRDP', unit: 'tỷ đồng' },
    { indicatorCode: 'CPI', unit: '%' },
  ],
  columns: [
    { code: 'THIS_PERIOD', kind: 'number' },
    { code: 'PCT_SAME_PERIOD', kind: 'percent' },
  ],
};

describe('sumChildValues', () => {
  it('sums number columns per indicator, column and disaggregation, never percent columns', () => {
    const a: CellValue[] = [
      { indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 100 },
      { indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 60, disaggregation: { gender: 'F' } },
      { indicatorCode: 'POP', columnCode: 'PCT_SAME_PERIOD', value: 101.5 },
      { indicatorCode: 'GRDP', columnCode: 'THIS_PERIOD', value: 0.1 },
      { indicatorCode: 'CPI', columnCode: 'THIS_PERIOD', value: 103.2 },
    ];
    const b: CellValue[] = [
      { indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 50 },
      { indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 20, disaggregation: { gender: 'F' } },
      { indicatorCode: 'POP', columnCode: 'PCT_SAME_PERIOD', value: 99 },
      { indicatorCode: 'GRDP', columnCode: 'THIS_PERIOD', value: 0.2 },
      { indicatorCode: 'GRDP', columnCode: 'THIS_PERIOD', value: null, disaggregation: { sector: 'A' } },
      { indicatorCode: 'CPI', columnCode: 'THIS_PERIOD', value: 101.9 },
    ];
    const out = sumChildValues(form, [a, b]);
    expect(out).toHaveLength(3);
    expect(out).toContainEqual({ indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 150 });
    expect(out).toContainEqual({ indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 80, disaggregation: { gender: 'F' } });
    expect(out).toContainEqual({ indicatorCode: 'GRDP', columnCode: 'THIS_PERIOD', value: 0.3 });
  });

  it('never sums an index or rate row (unit % or ‰): the consolidator enters it', () => {
    const rows = [{ indicatorCode: 'CPI', columnCode: 'THIS_PERIOD', value: 103.2 }];
    expect(sumChildValues(form, [rows, rows])).toEqual([]);
    const permille: FormInfo = { ...form, rows: [{ indicatorCode: 'CPI', unit: ' ‰ ' }] };
    expect(sumChildValues(permille, [rows, rows])).toEqual([]);
    const counted: FormInfo = { ...form, rows: [{ indicatorCode: 'CPI', unit: 'người' }] };
    expect(sumChildValues(counted, [rows, rows])).toEqual([{ indicatorCode: 'CPI', columnCode: 'THIS_PERIOD', value: 206.4 }]);
  });

  it("does not alias the children's objects", () => {
    const child = [{ indicatorCode: 'POP', columnCode: 'THIS_PERIOD', value: 1 }];
    sumChildValues(form, [child, child]);
    expect(child[0]!.value).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { sumChildValues } from '../../src/core/submissions/consolidation.js';
import type { FormInfo } from '../../src/core/submissions/ports.js';
import { previewSum } from '../../src/webapp/ui/pages/consolidation-sum.js';

/** The demo monthly form's shape: amounts in tỷ đồng, two index rows in %, a percent column. */
const form: FormInfo = {
  code: 'KTXH-THANG-01',
  name: 'Biểu số 01',
  type: 'data',
  regimeCode: 'KTXH-THANG',
  rows: [
    { indicatorCode: '0207', label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' },
    { indicatorCode: '0401', label: 'Chỉ số sản xuất công nghiệp', unit: '%' },
    { indicatorCode: '0601', label: 'Tỷ suất sinh thô', unit: '‰' },
  ],
  columns: [
    { code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' },
    { code: 'PCT_SAME_PERIOD', label: 'So với cùng kỳ năm trước (%)', kind: 'percent' },
  ],
};

const commune = (revenue: number, index: number, pct: number) => [
  { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: revenue },
  { indicatorCode: '0207', columnCode: 'PCT_SAME_PERIOD', value: pct },
  { indicatorCode: '0401', columnCode: 'THIS_PERIOD', value: index },
  { indicatorCode: '0601', columnCode: 'THIS_PERIOD', value: 14.2 },
];
const asMap = (cells: { indicatorCode: string; columnCode: string; value: number | null }[]) =>
  new Map(cells.map((c) => [`${c.indicatorCode}|${c.columnCode}`, c.value]));

describe('consolidation preview (reporting app)', () => {
  it('sums only the cells the server consolidates: amounts yes, index and rate rows (%, ‰) and percent columns no', () => {
    const children = [commune(120.4, 104.5, 108), commune(80.2, 98.1, 95)];
    const preview = previewSum(form, children.map(asMap));
    expect([...preview]).toEqual([['0207|THIS_PERIOD', 200.6]]);
    // The same cells, the same figures as "Lập báo cáo tổng hợp" writes.
    const server = sumChildValues(form, children);
    expect(new Map(server.map((c) => [`${c.indicatorCode}|${c.columnCode}`, c.value]))).toEqual(preview);
  });

  it('skips empty cells and keeps a cell that only some units filled', () => {
    const preview = previewSum(form, [
      new Map([['0207|THIS_PERIOD', null]]),
      new Map([['0207|THIS_PERIOD', 0.1]]),
      new Map([['0207|THIS_PERIOD', 0.2]]),
    ]);
    expect(preview.get('0207|THIS_PERIOD')).toBe(0.3);
  });
});

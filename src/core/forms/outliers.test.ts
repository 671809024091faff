import { describe, expect, it } from 'vitest';
import { checkOutliers, median } from './outliers.js';
import type { PlausibilityForm } from './plausibility.js';

const form: PlausibilityForm = {
  rows: [
    { indicatorCode: 'A', label: 'Dân số' },
    { indicatorCode: 'B', label: 'Số hộ' },
  ],
  columns: [
    { code: 'TH', kind: 'number', label: 'Thực hiện' },
    { code: 'PCT', kind: 'percent', label: '%' },
  ],
};
const cell = (indicatorCode: string, value: number | null, columnCode = 'TH') => ({ indicatorCode, columnCode, value });
const history = (values: (number | null)[], row = 'A') =>
  values.map((v, i) => ({ periodKey: `2026-M${String(12 - i).padStart(2, '0')}`, cells: [cell(row, v)] }));

describe('checkOutliers', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('flags beyond median ± k·MAD (scaled 1.4826) and not at the edge; k defaults to 3', () => {
    const past = history([10, 12, 8, 11, 9]); // median 10, MAD 1 → scaled 1.4826, 3·MAD = 4.4478
    const rule = { id: 'r', type: 'outlier' as const, rows: ['A'] };
    expect(checkOutliers(form, rule, [cell('A', 14.44)], past, null)).toEqual([]);
    const [w] = checkOutliers(form, rule, [cell('A', 14.45)], past, null);
    expect(w).toMatchObject({ code: 'PLAUSIBILITY_OUTLIER', row: 'A', column: 'TH', value: 14.45, median: 10, k: 3, history: 5 });
    expect(w!.mad).toBeCloseTo(1.4826, 6);
    expect(w!.message).toContain('cao bất thường');
    expect(w!.message).not.toContain('cùng kỳ năm trước');
    expect(checkOutliers(form, { ...rule, k: 5 }, [cell('A', 14.45)], past, null)).toEqual([]);
  });

  it('says "thấp" for a low value and names the same period last year when it is in the history', () => {
    const past = history([10, 12, 8, 11, 9]);
    const [w] = checkOutliers(form, { id: 'r', type: 'outlier', rows: ['A'] }, [cell('A', 1)], past, '2026-M10');
    expect(w!.message).toContain('1 thấp bất thường so với 5 kỳ trước');
    expect(w).toMatchObject({ sameLastYear: 8, sameLastYearPeriodKey: '2026-M10' });
    expect(w!.message).toContain('cùng kỳ năm trước (2026-M10): 8');
  });

  it('needs minHistory values within the last `periods` periods, and skips a history with no spread', () => {
    const rule = { id: 'r', type: 'outlier' as const, rows: ['A'], minHistory: 5 };
    expect(checkOutliers(form, rule, [cell('A', 99)], history([10, 12, 8, 11]), null)).toEqual([]);
    expect(checkOutliers(form, rule, [cell('A', 99)], history([10, 12, 8, 11, null]), null)).toEqual([]);
    expect(checkOutliers(form, { ...rule, periods: 4 }, [cell('A', 99)], history([10, 12, 8, 11, 9]), null)).toEqual([]);
    expect(checkOutliers(form, rule, [cell('A', 99)], history([10, 10, 10, 10, 10]), null)).toEqual([]);
    expect(checkOutliers(form, rule, [cell('A', 99)], history([10, 12, 8, 11, 9]), null)).toHaveLength(1);
  });

  it('looks at the rows named, else every row, and only number columns unless named', () => {
    const past = [{ periodKey: '2026-M12', cells: [cell('A', 10), cell('B', 10), cell('A', 10, 'PCT')] }];
    const many = [...Array(5)].map((_, i) => ({
      ...past[0]!,
      periodKey: `2026-M0${i + 1}`,
      cells: past[0]!.cells.map((c) => ({ ...c, value: 10 + (i % 3) })),
    }));
    const now = [cell('A', 50), cell('B', 50), cell('A', 50, 'PCT')];
    expect(checkOutliers(form, { id: 'r', type: 'outlier' }, now, many, null).map((w) => `${w.row}|${w.column}`)).toEqual(['A|TH', 'B|TH']);
    expect(
      checkOutliers(form, { id: 'r', type: 'outlier', rows: ['B'], columns: ['PCT', 'TH'] }, now, many, null).map(
        (w) => `${w.row}|${w.column}`,
      ),
    ).toEqual(['B|TH']);
  });

  it('writes the whole message with the labels, two decimals, the threshold k·MAD and no "last year" part when absent', () => {
    // median 0; |x| = 2,1,0,1,2 → MAD 1, scaled 1.4826; k 2 → threshold 2.9652.
    const past = history([-2, -1, 0, 1, 2]);
    const [w] = checkOutliers(form, { id: 'r', type: 'outlier', rows: ['A'], k: 2 }, [cell('A', 14.4567)], past, '2020-M01');
    expect(w!.message).toBe(
      'Dòng «Dân số» (A), cột «Thực hiện»: 14,46 cao bất thường so với 5 kỳ trước của đơn vị (trung vị 0, ngưỡng ±2,97). Đề nghị kiểm tra lại hoặc ghi ý kiến giải thích vào ô.',
    );
    expect(Object.keys(w!)).not.toContain('sameLastYear');
    expect(Object.keys(w!)).not.toContain('sameLastYearPeriodKey');
    expect(w).toMatchObject({ rowLabel: 'Dân số', columnLabel: 'Thực hiện', median: 0, k: 2, history: 5 });
    expect(w!.mad).toBeCloseTo(1.4826, 10);
  });

  it('scales a MAD of 2, and at exactly median ± k·MAD does not flag', () => {
    const wide = history([6, 8, 10, 12, 14]); // |x − 10| = 4,2,0,2,4 → MAD 2 → 2.9652
    const [w] = checkOutliers(form, { id: 'r', type: 'outlier', rows: ['A'] }, [cell('A', 30)], wide, null);
    expect(w!.mad).toBeCloseTo(2.9652, 10);
    const edge = history([-2, -1, 0, 1, 2]);
    expect(checkOutliers(form, { id: 'r', type: 'outlier', rows: ['A'], k: 1 }, [cell('A', 1.4826)], edge, null)).toEqual([]);
    expect(checkOutliers(form, { id: 'r', type: 'outlier', rows: ['A'], k: 1 }, [cell('A', 1.4827)], edge, null)).toHaveLength(1);
  });

  it('defaults minHistory to 5; names rows and columns by code when they have no label; skips empty and missing cells', () => {
    const bare: PlausibilityForm = { rows: [{ indicatorCode: 'A' }, { indicatorCode: 'B' }], columns: [{ code: 'TH', kind: 'number' }] };
    expect(checkOutliers(bare, { id: 'r', type: 'outlier' }, [cell('A', 99)], history([10, 12, 8, 11]), null)).toEqual([]);
    const past = history([10, 12, 8, 11, 9]).map((h) => ({
      ...h,
      cells: [...h.cells, cell('B', 10 + (Number(h.periodKey.slice(-2)) % 3))],
    }));
    const found = checkOutliers(bare, { id: 'r', type: 'outlier' }, [cell('A', 99), cell('B', null)], past, null);
    expect(found.map((w) => [w.row, w.rowLabel, w.columnLabel])).toEqual([['A', 'A', 'TH']]);
    expect(found[0]!.message.startsWith('Dòng «A» (A), cột «TH»: 99 cao')).toBe(true);
  });
});

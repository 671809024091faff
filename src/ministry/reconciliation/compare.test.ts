import { describe, expect, it } from 'vitest';
import { compareCells, type ReconcileCell } from './compare.js';

const cell = (orgUnitId: string, indicatorCode: string, value: number | null, disaggregationKey = ''): ReconcileCell => ({
  orgUnitId,
  indicatorCode,
  columnCode: 'THIS_PERIOD',
  disaggregationKey,
  value,
});

describe('compareCells', () => {
  it('matches equal cells and lists each kind of difference in a stable order', () => {
    const province = [cell('b', '0303', 10), cell('a', '0302', 100.1, 'crop=rice'), cell('a', '0305', 63), cell('a', '0306', null)];
    const source = [cell('a', '0302', 100.3, 'crop=rice'), cell('b', '0303', 10), cell('a', '0301', 5), cell('a', '0306', null)];
    const { matched, differences } = compareCells(province, source);
    expect(matched).toBe(2);
    expect(differences.map((d) => [d.kind, d.orgUnitId, d.indicatorCode, d.delta])).toEqual([
      ['missing_in_province', 'a', '0301', null],
      ['value_differs', 'a', '0302', 0.2],
      ['missing_in_source', 'a', '0305', null],
    ]);
  });

  it('treats values within the tolerance as equal, and a null against a number as different', () => {
    expect(compareCells([cell('a', '1', 10)], [cell('a', '1', 10.4)], 0.5).differences).toEqual([]);
    expect(compareCells([cell('a', '1', null)], [cell('a', '1', 0)]).differences).toMatchObject([{ kind: 'value_differs', delta: null }]);
  });
});

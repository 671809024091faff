import { describe, expect, it } from 'vitest';
import { MappingSet } from './mapping-set.js';
import type { MappingDocument } from './types.js';

const doc: MappingDocument = {
  system: 'BTC',
  version: '2026.2',
  coverage: 'listed',
  units: [{ provincial: 'tỷ đồng', external: 'triệu đồng', factor: 1000 }],
  periods: [{ provincial: 'month', external: 'M' }],
  columns: [{ provincial: 'THIS_PERIOD', external: 'KY' }],
  disaggregations: [{ provincial: 'gender', external: 'GT', values: { F: 'NU', M: 'NAM' } }],
  indicators: [
    { provincial: '0207', external: 'BTC-0207', unit: 'triệu đồng' },
    { provincial: 'LC0101', excluded: true, reason: 'chỉ tiêu riêng của tỉnh' },
  ],
};
const set = new MappingSet('BTC', [{ file: 'BTC.json', document: doc }]);

describe('MappingSet', () => {
  it('maps indicators, periods, columns and disaggregations in both directions', () => {
    expect(set.indicatorToExternal('0207')).toMatchObject({ external: 'BTC-0207' });
    expect(set.indicatorToProvincial('BTC-0207')).toMatchObject({ provincial: '0207' });
    expect(set.indicatorToExternal('LC0101')).toMatchObject({ excluded: true });
    expect(set.indicatorToExternal('9999')).toBeUndefined();
    expect(set.periodToExternal('month')).toBe('M');
    expect(set.periodToProvincial('M')).toBe('month');
    expect(set.columnToProvincial('KY')).toBe('THIS_PERIOD');
    expect(set.disaggregationToExternal({ gender: 'F' })).toEqual({ GT: 'NU' });
    expect(set.disaggregationToProvincial({ GT: 'NAM' })).toEqual({ gender: 'M' });
  });

  it('converts values with the unit factor both ways, and refuses unknown units', () => {
    const rule = set.indicatorToProvincial('BTC-0207')!;
    expect(set.valueToExternal(rule, 1.5, 'tỷ đồng')).toBe(1500);
    expect(set.valueToProvincial(rule, 2500, 'Tỷ  đồng')).toBe(2.5);
    expect(() => set.valueToExternal(rule, 1, 'USD')).toThrow(expect.objectContaining({ code: 'UNIT_INCOMPATIBLE' }));
  });

  it('names the unmapped disaggregation value', () => {
    expect(() => set.disaggregationToExternal({ gender: 'X' })).toThrow(
      expect.objectContaining({ code: 'MAPPING_MISSING', details: expect.objectContaining({ dimension: 'gender', value: 'X' }) }),
    );
  });

  it('refuses an ambiguous indicator at run time', () => {
    const twice = new MappingSet('BTC', [
      { file: 'a', document: { ...doc, indicators: [...doc.indicators, { provincial: '0207', external: 'X', unit: 'tỷ đồng' }] } },
    ]);
    expect(() => twice.indicatorToExternal('0207')).toThrow(expect.objectContaining({ code: 'MAPPING_AMBIGUOUS' }));
  });
});

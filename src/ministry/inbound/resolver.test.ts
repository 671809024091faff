import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../core/catalog/types.js';
import { MappingSet } from '../../exchange/mapping/mapping-set.js';
import type { MappingDocument } from '../../exchange/mapping/types.js';
import type { InboundRow } from '../types.js';
import { resolveBatch, type ResolveContext } from './resolver.js';

const doc: MappingDocument = {
  system: 'BNNMT',
  version: '2026.1',
  coverage: 'listed',
  units: [{ provincial: 'tấn', external: 'nghìn tấn', factor: 0.001 }],
  periods: [
    { provincial: 'year', external: 'N' },
    { provincial: 'month', external: 'T' },
  ],
  columns: [
    { provincial: 'THIS_PERIOD', external: 'TH' },
    { provincial: 'PCT_SAME_PERIOD', external: 'SCK', unit: '%' },
  ],
  disaggregations: [{ provincial: 'crop', external: 'CAY', values: { rice: 'LUA' } }],
  indicators: [
    { provincial: '0302', external: 'NN.LT.SL', unit: 'nghìn tấn' },
    { provincial: '9999', external: 'KHONG.CO', unit: 'ha' },
  ],
};

const indicator = { code: '0302', unit: 'tấn', disaggregations: ['crop'] } as Indicator;
const ctx: ResolveContext = {
  source: 'BNNMT',
  mapping: new MappingSet('BNNMT', [{ file: 'BNNMT.json', document: doc }]),
  indicators: new Map([['0302', indicator]]),
  orgs: new Map([
    ['000.00.00.H29', { id: 'lai-chau', inScope: true }],
    ['000.03.31.H29', { id: 'lc-x-tam-duong', inScope: false }],
  ]),
};

const rows = (list: Omit<InboundRow, 'row'>[]): InboundRow[] => list.map((r, i) => ({ ...r, row: i + 1 }));

describe('resolveBatch', () => {
  it('maps codes, periods, columns, disaggregations and units to the provincial catalog', () => {
    const { values, conflicts } = resolveBatch(ctx, {
      orgCode: '000.00.00.H29',
      period: { kind: 'N', year: 2026 },
      rows: rows([
        { indicatorCode: 'NN.LT.SL', value: '1.25', disaggregation: { CAY: 'LUA' } },
        { indicatorCode: 'NN.LT.SL', value: 7, unit: 'tấn', column: 'TH', period: { kind: 'T', year: 2026, index: 3 } },
        { indicatorCode: 'NN.LT.SL', value: 101.5, unit: '%', column: 'SCK' },
        { indicatorCode: 'NN.LT.SL', value: null, column: 'TH', period: { key: '2026-Q1' } },
      ]),
    });
    expect(conflicts).toEqual([]);
    expect(values.map((v) => [v.periodKey, v.columnCode, v.disaggregationKey, v.value, v.unit])).toEqual([
      ['2026-Y', 'THIS_PERIOD', 'crop=rice', 1250, 'tấn'],
      ['2026-M03', 'THIS_PERIOD', '', 7, 'tấn'],
      ['2026-Y', 'PCT_SAME_PERIOD', '', 101.5, '%'],
      ['2026-Q1', 'THIS_PERIOD', '', null, 'tấn'],
    ]);
  });

  it('turns every refused row into a conflict naming it, and keeps the rest', () => {
    const { values, conflicts } = resolveBatch(ctx, {
      orgCode: '000.00.00.H29',
      period: { kind: 'N', year: 2026 },
      rows: rows([
        { indicatorCode: 'NN.LT.SL', value: 1 },
        { indicatorCode: 'KHONG.CO', value: 1 },
        { indicatorCode: 'NN.LT.SL', value: 1, column: 'XX' },
        { indicatorCode: 'NN.LT.SL', value: 1, unit: 'tấn', column: 'SCK' },
        { indicatorCode: 'NN.LT.SL', value: 1, period: { kind: 'Q9', year: 2026 } },
        { indicatorCode: 'NN.LT.SL', value: 1, period: { kind: 'T', year: 2026 } },
        { indicatorCode: 'NN.LT.SL', value: 1, orgCode: '000.03.31.H29' },
        { indicatorCode: 'NN.LT.SL', value: 2 },
        { indicatorCode: 'NN.LT.SL', value: Number.NaN, disaggregation: { CAY: 'LUA' } },
      ]),
    });
    expect(values.map((v) => v.row)).toEqual([1]);
    expect(conflicts.map((c) => [c.row, c.code])).toEqual([
      [2, 'INDICATOR_UNKNOWN'],
      [3, 'COLUMN_UNKNOWN'],
      [4, 'UNIT_MISMATCH'],
      [5, 'PERIOD_INVALID'],
      [6, 'PERIOD_INVALID'],
      [7, 'ORG_SCOPE_FORBIDDEN'],
      [8, 'DUPLICATE_ROW'],
      [9, 'VALUE_NOT_NUMBER'],
    ]);
  });

  it('refuses indicators a registered client is not allowed to send', () => {
    const limited: ResolveContext = { ...ctx, allowedIndicators: new Set(['0101']) };
    const { conflicts } = resolveBatch(limited, {
      orgCode: '000.00.00.H29',
      period: { key: '2026-Y' },
      rows: rows([{ indicatorCode: 'NN.LT.SL', value: 1 }]),
    });
    expect(conflicts).toMatchObject([{ row: 1, code: 'INDICATOR_FORBIDDEN' }]);
  });
});

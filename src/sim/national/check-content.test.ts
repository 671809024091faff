import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent } from './check-content.js';

const example = (type: string) => JSON.parse(readFileSync(`fixtures/packets/examples/${type}.json`, 'utf8')) as Record<string, unknown>;
const payloadOf = (p: Record<string, unknown>) => p.payload as Record<string, unknown>;
const TYPES = [
  'report-regime',
  'report-form',
  'outline-form',
  'report-data',
  'list-report-data',
  'outline-submission',
  'report-status',
  'period-catalog',
  'indicator-catalog',
  'kpi-set',
  'kpi-group-catalog',
  'kpi-disaggregation-catalog',
  'kpi-data',
];

/** The simulator's own content rules (beyond the schema), on the 13 examples and on broken copies. */
describe('national simulator content rules', () => {
  it.each(TYPES)('%s: the example passes', (type) => {
    expect(checkContent(example(type))).toMatchObject({ check: 'content', ok: true });
  });

  it('list-report-data: a value for an undeclared column and a gap in the numbering are refused', () => {
    const p = example('list-report-data');
    payloadOf(p).records = [
      { rowNo: 1, values: { TEN_DU_AN: 'A', KHONG_CO: 1 } },
      { rowNo: 3, values: { TEN_DU_AN: 'B' } },
    ];
    const c = checkContent(p);
    expect(c.ok).toBe(false);
    expect(c.message).toContain('undeclared column KHONG_CO');
    expect(c.message).toContain('record 2 is numbered 3');
  });

  it('kpi-data: the same observation twice is refused', () => {
    const p = example('kpi-data');
    const obs = payloadOf(p).observations as unknown[];
    payloadOf(p).observations = [obs[0], obs[0]];
    expect(checkContent(p)).toMatchObject({ ok: false, message: expect.stringContaining('given twice') });
  });

  it('catalogs: a code listed twice, or sent and removed, is refused', () => {
    const p = example('indicator-catalog');
    const items = payloadOf(p).indicators as { code: string }[];
    payloadOf(p).indicators = [items[0], items[0]];
    payloadOf(p).removedCodes = [items[0]!.code];
    const c = checkContent(p);
    expect(c.message).toContain('listed twice');
    expect(c.message).toContain('both sent and removed');
  });

  it('report-status: an acknowledgement without the receipt it acknowledges is refused', () => {
    const p = example('report-status');
    payloadOf(p).status = 'DA_TIEP_NHAN';
    delete payloadOf(p).receiptId;
    expect(checkContent(p)).toMatchObject({ ok: false, message: expect.stringContaining('names the receipt') });
  });

  it('outline-submission: an attachment whose sha256 is not its content is refused', () => {
    const p = example('outline-submission');
    payloadOf(p).attachments = [{ name: 'a.pdf', mediaType: 'application/pdf', sha256: '0'.repeat(64), contentBase64: 'JVBERi0=' }];
    expect(checkContent(p)).toMatchObject({ ok: false, message: expect.stringContaining('sha256') });
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { periodFor } from '../../src/core/calendar/index.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { comA, comB, dist, errorOf, grid, prov } from './support/fixtures.js';
import { harness, type Harness } from './support/setup.js';

/** Vietnam is UTC+7: 16:30Z is 23:30 the same day there, 17:30Z already the next day. */
const at = (iso: string) => new Date(iso);

describe('timeliness as the regulations measure it, on PostgreSQL', () => {
  let t: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE submissions CASCADE');
    h = harness(t.db);
  });

  async function enterAndSubmit(
    unit: 'comA' | 'comB' | 'prov',
    s = unit === 'comA' ? comA : unit === 'comB' ? comB : prov,
  ): Promise<string> {
    const c = await h.service.create(s.entry, { assignmentId: `POP-${unit}` });
    if (unit === 'prov') await h.service.consolidate(s.entry, c.id);
    await h.service.saveValues(s.entry, c.id, grid(10, 4, 6));
    await h.service.transition(s.entry, c.id, 'submit');
    return c.id;
  }

  it('counts at the step the regime names (sent by default): submitted is not sent, not yet due before the deadline, missing after', async () => {
    h.clock.now = at('2027-01-18T10:00:00Z');
    const a = await enterAndSubmit('comA');
    await h.service.transition(comA.leader, a, 'approve');
    await h.service.transition(comA.clerk, a, 'dispatch'); // sent on the deadline day: on time
    await enterAndSubmit('comB'); // submitted to its leader, never sent
    let r = await h.service.timeliness('2027-M01', 'R-MONTH');
    const status = (unit: string) => r.rows.find((x) => x.orgUnitId === unit && x.formCode === 'POP')!;
    expect(status('comA')).toMatchObject({ status: 'on_time', step: 'sent', measuredAt: '2027-01-18T10:00:00.000Z', state: 'sent' });
    expect(status('comB')).toMatchObject({ status: 'not_yet_due', measuredAt: null, state: 'submitted' });
    expect(status('dist').status).toBe('not_yet_due');
    expect(r.asOf).toBe('2027-01-18');

    h.clock.now = at('2027-01-18T17:30:00Z'); // 00:30 on the 19th in Hà Nội
    r = await h.service.timeliness('2027-M01', 'R-MONTH');
    expect(status('comB').status).toBe('missing');
    const b = r.rows.find((x) => x.orgUnitId === 'comB' && x.formCode === 'POP')!.submissionId!;
    await h.service.transition(comB.leader, b, 'approve');
    await h.service.transition(comB.clerk, b, 'dispatch');
    r = await h.service.timeliness('2027-M01', 'R-MONTH');
    expect(status('comB')).toMatchObject({ status: 'late', measuredAt: '2027-01-18T17:30:00.000Z' });
    expect(r.units.find((u) => u.orgUnitId === 'comA')).toMatchObject({ status: 'missing', onTime: 1, missing: 1, due: 2, onTimeRate: 50 });

    // A recall or a return by the receiver keeps the first send: the unit did send on time.
    await h.service.transition(comA.clerk, a, 'recall', { reason: 'Sửa lỗi chính tả' });
    r = await h.service.timeliness('2027-M01', 'R-MONTH');
    expect(status('comA').status).toBe('on_time');
    expect(await errorOf(h.service.timeliness('2027-X9'))).toBe('400 PERIOD_KEY_INVALID');
  });

  it('counts a report refused by the national system as not on time, and its next send by its own date', async () => {
    const listener = h.listeners.register(async () => undefined);
    h.clock.now = at('2027-01-17T03:00:00Z');
    h.catalog.assignments.delete('POP-dist');
    const p = await enterAndSubmit('prov');
    await h.service.transition(prov.leader, p, 'approve');
    await h.service.transition(prov.clerk, p, 'dispatch');
    expect((await h.service.timeliness('2027-M01')).rows.find((x) => x.assignmentId === 'POP-prov')!.status).toBe('on_time');
    await h.service.recordNationalOutcome(p, { outcome: 'refused', code: 'NATIONAL_SIGNATURE_REJECTED', reason: 'Chữ ký không hợp lệ' });
    let row = (await h.service.timeliness('2027-M01')).rows.find((x) => x.assignmentId === 'POP-prov')!;
    expect(row).toMatchObject({ status: 'refused', state: 'refused', measuredAt: null });
    expect((await h.service.timeliness('2027-M01')).units.find((u) => u.orgUnitId === 'prov')).toMatchObject({
      status: 'refused',
      refused: 1,
      onTimeRate: 0,
    });

    h.clock.now = at('2027-01-20T03:00:00Z'); // sent again after the deadline of the 18th
    await h.service.consolidate(prov.entry, p);
    await h.service.transition(prov.entry, p, 'submit');
    await h.service.transition(prov.leader, p, 'approve');
    await h.service.transition(prov.clerk, p, 'dispatch');
    row = (await h.service.timeliness('2027-M01')).rows.find((x) => x.assignmentId === 'POP-prov')!;
    expect(row).toMatchObject({ status: 'late', measuredAt: '2027-01-20T03:00:00.000Z' });
    listener();
  });

  it('sums a unit over a month, a quarter, 6 months and a year, scoped to the caller, and exports xlsx', async () => {
    h.clock.now = at('2027-01-16T03:00:00Z');
    const a = await enterAndSubmit('comA');
    await h.service.transition(comA.leader, a, 'approve');
    await h.service.transition(comA.clerk, a, 'dispatch');
    h.clock.now = at('2027-04-01T03:00:00Z');
    const month = await h.service.timelinessOver({ kind: 'month', year: 2027, index: 1 });
    expect(month.periodKeys).toEqual(['2027-M01']);
    const quarter = await h.service.timelinessOver({ kind: 'quarter', year: 2027, index: 1 });
    expect(quarter.periodKeys).toEqual(['2027-M01', '2027-M02', '2027-M03', '2027-Q1']);
    expect(quarter.units.find((u) => u.orgUnitId === 'comA')).toMatchObject({ onTime: 1, missing: 1, due: 2, onTimeRate: 50 });
    expect((await h.service.timelinessOver({ kind: 'half_year', year: 2027, index: 1 })).periodKeys).toEqual([
      '2027-M01',
      '2027-M02',
      '2027-M03',
      '2027-M04',
      '2027-M05',
      '2027-M06',
      '2027-Q1',
      '2027-Q2',
      '2027-H1',
    ]);
    expect((await h.service.timelinessOver({ kind: 'half_year', year: 2027, index: 2 })).periodKeys.at(-1)).toBe('2027-Q4');
    expect((await h.service.timelinessOver({ kind: 'year', year: 2027 })).periodKeys.slice(-3)).toEqual(['2027-H1', '2027-9M', '2027-Y']);
    expect(await errorOf(h.service.timelinessOver({ kind: 'quarter', year: 2027, index: 5 }))).toBe('400 TIMELINESS_SPAN_INVALID');
    const scoped = await h.service.timelinessOver({ kind: 'year', year: 2027 }, undefined, comB.leader);
    expect(scoped.units.map((u) => u.orgUnitId)).toEqual(['comB']);

    const file = await h.service.timelinessWorkbook({ kind: 'quarter', year: 2027, index: 1 }, undefined, dist.leader);
    expect(file.fileName).toBe('tinh-kip-thoi-Quy-1-2027.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Tổng hợp')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Tính kịp thời của báo cáo — Quý 1/2027');
    const rows = [...Array(sheet.rowCount - 3).keys()].map((i) => sheet.getRow(i + 4).values as unknown[]);
    expect(rows.find((r) => r[1] === 'comA')).toEqual([undefined, 'comA', 'UBND xã A', 1, 0, 1, 0, 0, 2, 50]); // the catalog assigns January only
    expect(rows.map((r) => r[1])).not.toContain('prov');
    expect(wb.getWorksheet('Chi tiết')!.getRow(2).values).toEqual(expect.arrayContaining(['2027-M01', 'Gửi đơn vị nhận']));
  });

  it('measures at submission to the leader when the regime names that step; a span counts each period within it, longer ones included', async () => {
    h.catalog.regimes.set('R-MONTH', { code: 'R-MONTH', autoDispatch: false, national: false, timelinessStep: 'submitted' });
    const feb = periodFor('month', 2027, 2);
    const q1 = periodFor('quarter', 2027, 1);
    h.catalog.assignments.set('POP-comA-M02', {
      id: 'POP-comA-M02',
      formCode: 'POP',
      orgUnitId: 'comA',
      periodKey: feb.key,
      period: feb,
      deadline: '2027-02-18',
    });
    h.catalog.assignments.set('POP-comA-Q1', {
      id: 'POP-comA-Q1',
      formCode: 'POP',
      orgUnitId: 'comA',
      periodKey: q1.key,
      period: q1,
      deadline: '2027-04-20',
    });

    // January: submitted to the leader on the deadline day and never approved: on time at this step.
    h.clock.now = at('2027-01-18T16:30:00Z'); // 23:30 on the 18th in Hà Nội
    await enterAndSubmit('comA');
    const jan = (await h.service.timeliness('2027-M01', 'R-MONTH')).rows.find((x) => x.assignmentId === 'POP-comA')!;
    expect(jan).toMatchObject({ status: 'on_time', step: 'submitted', measuredAt: '2027-01-18T16:30:00.000Z', state: 'submitted' });
    // February: submitted two days after its deadline: late.
    h.clock.now = at('2027-02-20T03:00:00Z');
    const f = await h.service.create(comA.entry, { assignmentId: 'POP-comA-M02' });
    await h.service.saveValues(comA.entry, f.id, grid(10, 4, 6));
    await h.service.transition(comA.entry, f.id, 'submit');

    // 1 April: the quarter's own report (due 20 April) is not yet due; January's narrative is missing.
    h.clock.now = at('2027-04-01T03:00:00Z');
    const comAOver = async (span: Parameters<Harness['service']['timelinessOver']>[0]) =>
      (await h.service.timelinessOver(span, 'R-MONTH')).units.find((u) => u.orgUnitId === 'comA');
    expect(await comAOver({ kind: 'month', year: 2027, index: 1 })).toMatchObject({
      onTime: 1,
      late: 0,
      missing: 1,
      due: 2,
      onTimeRate: 50,
    });
    expect(await comAOver({ kind: 'month', year: 2027, index: 2 })).toMatchObject({
      onTime: 0,
      late: 1,
      due: 1,
      onTimeRate: 0,
      status: 'late',
    });
    const quarter = { onTime: 1, late: 1, missing: 1, notYetDue: 1, refused: 0, due: 3, onTimeRate: 33.3, status: 'missing' };
    expect(await comAOver({ kind: 'quarter', year: 2027, index: 1 })).toMatchObject(quarter);
    expect(await comAOver({ kind: 'half_year', year: 2027, index: 1 })).toMatchObject(quarter);
    expect(await comAOver({ kind: 'year', year: 2027 })).toMatchObject(quarter);
    expect(await comAOver({ kind: 'quarter', year: 2027, index: 2 })).toBeUndefined();
    // After its deadline the quarter's report counts as missing in every span that holds it.
    h.clock.now = at('2027-04-21T03:00:00Z');
    expect(await comAOver({ kind: 'year', year: 2027 })).toMatchObject({
      onTime: 1,
      late: 1,
      missing: 2,
      notYetDue: 0,
      due: 4,
      onTimeRate: 25,
    });
  });
});

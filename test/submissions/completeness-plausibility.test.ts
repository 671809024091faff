import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousPeriodKey } from '../../src/core/submissions/previous-period.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api } from '../core/support/api.js';

/** 10 January 2027: the January window is open; December 2026's report is the previous period. */
const NOW = new Date('2027-01-10T02:00:00Z');
const FORM = 'KTXH-THANG-KT';

/**
 * Completeness (required cells per form: a report missing them cannot be submitted, the message
 * names the row) and plausibility (min-max, change against the previous period beyond the
 * form's ratio: warnings the leader reads with the report before signing), over HTTP on the
 * real core and submissions modules and PostgreSQL, each step as one role.
 */
describe('completeness and plausibility on PostgreSQL', () => {
  let t: TestDatabase;
  let api: Api;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    // Past periods are entered after their deadline (history loaded for the test): the lock is test/submissions/entry-lock.test.ts's subject.
    api = await startApi(t, NOW, { ENTRY_LOCK_AT_DEADLINE: 'false' });
  }, 120_000);
  afterAll(async () => {
    await api?.gw.close();
    await t?.dispose();
  });

  async function draft(periodKey: string): Promise<string> {
    const list = await api.call('entryA', 'GET', `/assignments?periodKey=${periodKey}&formCode=${FORM}&orgUnitId=lc-x-tam-duong`);
    const [a] = list.body.assignments as { id: string }[];
    const created = await api.call('entryA', 'POST', '/submissions', { assignmentId: a!.id });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('a form declares required cells and plausibility rules; an unknown row in a rule is refused', async () => {
    const form = {
      code: FORM,
      name: 'Biểu kiểm tra đầy đủ và hợp lý',
      type: 'data',
      regimeCode: 'KTXH-THANG',
      rows: [
        { indicatorCode: '0207', order: 1, label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' },
        { indicatorCode: '0208', order: 2, label: 'Trong đó: Thu nội địa', unit: 'tỷ đồng' },
        { indicatorCode: '0209', order: 3, label: 'Thu từ hoạt động xuất nhập khẩu', unit: 'tỷ đồng' },
      ],
      columns: [
        { code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' },
        { code: 'PCT', label: 'So với cùng kỳ (%)', kind: 'percent' },
      ],
      constraints: [{ id: 'bat-buoc', type: 'required', rows: ['0207', '0208'], columns: ['THIS_PERIOD'] }],
      plausibility: [
        { id: 'xnk-thuong-gap', type: 'min-max', rows: ['0209'], min: 0, max: 50 },
        { id: 'bien-dong', type: 'change', rows: ['0207', '0208'], maxRatio: 0.5 },
      ],
    };
    const bad = await api.call('admin', 'POST', '/forms', {
      ...form,
      code: `${FORM}-X`,
      plausibility: [{ id: 'sai', type: 'change', rows: ['9999'], maxRatio: 0.5 }],
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'FORM_DEFINITION_INVALID']);
    const noRatio = await api.call('admin', 'POST', '/forms', { ...form, code: `${FORM}-Y`, plausibility: [{ id: 'x', type: 'change' }] });
    expect([noRatio.status, noRatio.body.code]).toEqual([400, 'REQUEST_INVALID']);
    const created = await api.call('admin', 'POST', '/forms', form);
    expect(created.status).toBe(201);
    expect(created.body.plausibility).toEqual(form.plausibility);
    const read = await api.call('entryA', 'GET', `/forms/${FORM}`);
    expect(read.body.plausibility).toEqual(form.plausibility);
    for (const periodKey of ['2026-M12', '2027-M01'])
      expect([200, 201]).toContain(
        (await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'KTXH-THANG', periodKey })).status,
      );
  });

  it('refuses to submit a report missing a required cell, naming the row in Vietnamese; warns the leader of implausible values, who may still sign', async () => {
    // December 2026: the previous period, sent and accepted as it was.
    const dec = await draft('2026-M12');
    await api.call('entryA', 'PUT', `/submissions/${dec}/values`, {
      values: [
        { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 100 },
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 60 },
      ],
    });
    expect((await api.call('entryA', 'POST', `/submissions/${dec}/submit`, {})).status).toBe(200);
    expect((await api.call('leaderA', 'GET', `/submissions/${dec}`)).body.warnings).toEqual([]);
    expect((await api.call('leaderA', 'POST', `/submissions/${dec}/approve`, {})).status).toBe(200);

    const jan = await draft('2027-M01');
    const saved = await api.call('entryA', 'PUT', `/submissions/${jan}/values`, {
      values: [
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 62 },
        { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 80 },
      ],
    });
    expect(saved.status).toBe(200); // saving an incomplete report is allowed, submitting it is not
    const refused = await api.call('entryA', 'POST', `/submissions/${jan}/submit`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'FORM_CONSTRAINTS_VIOLATED']);
    const violations = (refused.body.details as { violations: { code: string; row: string; message: string }[] }).violations;
    expect(violations).toEqual([
      expect.objectContaining({
        code: 'CELL_REQUIRED',
        row: '0207',
        column: 'THIS_PERIOD',
        message: 'Dòng «Tổng thu ngân sách nhà nước trên địa bàn» (0207), cột «Thực hiện tháng báo cáo»: bắt buộc nhập số liệu, chưa nhập',
      }),
    ]);
    expect((await api.call('entryA', 'GET', `/submissions/${jan}`)).body.submission).toMatchObject({ state: 'draft' });

    // Complete, but 0207 doubled against December and 0209 above its usual maximum: warnings, not errors.
    await api.call('entryA', 'PUT', `/submissions/${jan}/values`, {
      values: [{ indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 200 }],
    });
    expect((await api.call('entryA', 'POST', `/submissions/${jan}/submit`, {})).status).toBe(200);
    const seen = await api.call('leaderA', 'GET', `/submissions/${jan}`);
    expect(seen.body.actions).toContain('approve');
    const warnings = seen.body.warnings as Record<string, unknown>[];
    expect(warnings).toEqual([
      {
        code: 'PLAUSIBILITY_MIN_MAX',
        ruleId: 'xnk-thuong-gap',
        row: '0209',
        rowLabel: 'Thu từ hoạt động xuất nhập khẩu',
        column: 'THIS_PERIOD',
        columnLabel: 'Thực hiện tháng báo cáo',
        value: 80,
        min: 0,
        max: 50,
        message:
          'Dòng «Thu từ hoạt động xuất nhập khẩu» (0209), cột «Thực hiện tháng báo cáo»: 80 ngoài khoảng thường gặp [0; 50], đề nghị kiểm tra lại trước khi ký',
      },
      {
        code: 'PLAUSIBILITY_CHANGE',
        ruleId: 'bien-dong',
        row: '0207',
        rowLabel: 'Tổng thu ngân sách nhà nước trên địa bàn',
        column: 'THIS_PERIOD',
        columnLabel: 'Thực hiện tháng báo cáo',
        value: 200,
        previous: 100,
        previousPeriodKey: '2026-M12',
        ratio: 1,
        maxRatio: 0.5,
        message:
          'Dòng «Tổng thu ngân sách nhà nước trên địa bàn» (0207), cột «Thực hiện tháng báo cáo»: 200 tăng 100% so với kỳ trước 2026-M12 (100), vượt ngưỡng ±50%, đề nghị kiểm tra lại trước khi ký',
      },
    ]);
    // 0208 moved 60 → 62 (+3 %): within the ratio, no warning. The PCT column is not looked at unless named.
    expect(warnings.some((w) => w.row === '0208')).toBe(false);
    const approved = await api.call('leaderA', 'POST', `/submissions/${jan}/approve`, {});
    expect(approved.status).toBe(200);
  });
});

describe('the clerk step by default', () => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startApi(t, NOW);
  }, 120_000);
  afterAll(async () => {
    await api?.gw.close();
    await t?.dispose();
  });

  it('a regime that does not say autoDispatch is sent by the clerk: approval does not dispatch', async () => {
    const r = await api.call('admin', 'POST', '/regimes', {
      code: 'KT-MAC-DINH',
      name: 'Chế độ báo cáo mặc định',
      type: 'periodic',
      periodKinds: ['month'],
      deadlineRule: { workingDaysAfterCutoff: 2 },
      assignees: { orgUnitIds: ['lc-x-tam-duong'] },
    });
    expect(r.status).toBe(201);
    expect(r.body.autoDispatch).toBe(false);
    expect(
      (await api.call('admin', 'POST', '/forms/KTXH-THANG-01/instantiate', { code: 'KT-MAC-DINH-01', regimeCode: 'KT-MAC-DINH' })).status,
    ).toBe(201);
    expect([200, 201]).toContain(
      (await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'KT-MAC-DINH', periodKey: '2027-M01' })).status,
    );
    const list = await api.call('entryA', 'GET', '/assignments?periodKey=2027-M01&formCode=KT-MAC-DINH-01&orgUnitId=lc-x-tam-duong');
    const created = await api.call('entryA', 'POST', '/submissions', { assignmentId: (list.body.assignments as { id: string }[])[0]!.id });
    const id = created.body.id as string;
    await api.call('entryA', 'PUT', `/submissions/${id}/values`, {
      values: [
        { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 100 },
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 60 },
        { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 40 },
      ],
    });
    expect((await api.call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    const approved = await api.call('leaderA', 'POST', `/submissions/${id}/approve`, {});
    expect((approved.body.transitions as { action: string }[]).map((s) => s.action)).toEqual(['approve']);
    expect(approved.body.submission).toMatchObject({ state: 'approved' });
    const sent = await api.call('clerkA', 'POST', `/submissions/${id}/dispatch`, {});
    expect(sent.body.submission).toMatchObject({ state: 'sent' });
  });
});

describe('previous period of each kind', () => {
  it('steps back one month, quarter, half, 9 months or year; an ad hoc period has none', () => {
    expect(
      ['2027-M01', '2027-M10', '2027-Q1', '2027-Q3', '2027-H1', '2027-H2', '2027-9M', '2027-Y', '2027-A01'].map(previousPeriodKey),
    ).toEqual(['2026-M12', '2027-M09', '2026-Q4', '2027-Q2', '2026-H2', '2027-H1', '2026-9M', '2026-Y', null]);
  });
});

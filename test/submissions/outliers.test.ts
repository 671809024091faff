import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api } from '../core/support/api.js';

/** 10 July 2027: the unit reported July 2026 to June 2027; July 2027 is being entered. */
const NOW = new Date('2027-07-10T02:00:00Z');
const FORM = 'KTXH-THANG-OUT';
const HISTORY = [100, 102, 98, 101, 99, 103, 97, 100, 102, 98, 101, 99];
const MONTHS = [
  '2026-M07',
  '2026-M08',
  '2026-M09',
  '2026-M10',
  '2026-M11',
  '2026-M12',
  '2027-M01',
  '2027-M02',
  '2027-M03',
  '2027-M04',
  '2027-M05',
  '2027-M06',
];

/**
 * Outliers against the unit's own history (#15: "median ± k·MAD, same month last year, the
 * reason shown; a setting can require a comment before a flagged value is submitted"), over HTTP
 * on the real core and submissions modules and PostgreSQL, one role per step.
 */
describe('outliers against the unit history on PostgreSQL, a comment required', () => {
  let t: TestDatabase;
  let api: Api;
  let july = '';

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    // Past periods are entered after their deadline (history loaded for the test): the lock is test/submissions/entry-lock.test.ts's subject.
    api = await startApi(t, NOW, { OUTLIER_COMMENT_REQUIRED: 'true', ENTRY_LOCK_AT_DEADLINE: 'false' });
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
  const put = (id: string, v0207: number) =>
    api.call('entryA', 'PUT', `/submissions/${id}/values`, {
      values: [
        { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: v0207 },
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 5000 },
      ],
    });

  it('an admin declares the outlier rule on a form; the unit reports twelve months', async () => {
    const form = {
      code: FORM,
      name: 'Biểu kiểm tra giá trị bất thường',
      type: 'data',
      regimeCode: 'KTXH-THANG',
      rows: [
        { indicatorCode: '0207', order: 1, label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' },
        { indicatorCode: '0208', order: 2, label: 'Trong đó: Thu nội địa', unit: 'tỷ đồng' },
      ],
      columns: [{ code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' }],
      constraints: [],
      plausibility: [{ id: 'lich-su', type: 'outlier', rows: ['0207'], k: 3, periods: 12, minHistory: 5 }],
    };
    const bad = await api.call('admin', 'POST', '/forms', {
      ...form,
      code: `${FORM}-X`,
      plausibility: [{ id: 'x', type: 'outlier', k: -1 }],
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST_INVALID']);
    expect((await api.call('admin', 'POST', '/forms', form)).status).toBe(201);
    for (const periodKey of [...MONTHS, '2027-M07'])
      expect([200, 201]).toContain(
        (await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'KTXH-THANG', periodKey })).status,
      );
    for (const [i, periodKey] of MONTHS.entries()) {
      const id = await draft(periodKey);
      expect((await put(id, HISTORY[i]!)).status).toBe(200);
      expect((await api.call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    }
  });

  it('a value within the history is not flagged; 180 is, with the median, the threshold and the same month last year', async () => {
    july = await draft('2027-M07');
    await put(july, 103);
    expect((await api.call('entryA', 'GET', `/submissions/${july}`)).body.warnings).toEqual([]);
    await put(july, 180);
    const warnings = (await api.call('entryA', 'GET', `/submissions/${july}`)).body.warnings as Record<string, unknown>[];
    // median 100; |x − median| = 0,2,2,1,1,3,3,0,2,2,1,1 → MAD 1.5, scaled 2.2239; k·MAD = 6.67.
    expect(warnings).toEqual([
      {
        code: 'PLAUSIBILITY_OUTLIER',
        ruleId: 'lich-su',
        row: '0207',
        rowLabel: 'Tổng thu ngân sách nhà nước trên địa bàn',
        column: 'THIS_PERIOD',
        columnLabel: 'Thực hiện tháng báo cáo',
        value: 180,
        median: 100,
        mad: expect.closeTo(2.2239, 4),
        k: 3,
        history: 12,
        sameLastYear: 100,
        sameLastYearPeriodKey: '2026-M07',
        message:
          'Dòng «Tổng thu ngân sách nhà nước trên địa bàn» (0207), cột «Thực hiện tháng báo cáo»: 180 cao bất thường so với 12 kỳ trước của đơn vị (trung vị 100, ngưỡng ±6,67); cùng kỳ năm trước (2026-M07): 100. Đề nghị kiểm tra lại hoặc ghi ý kiến giải thích vào ô.',
      },
    ]);
  });

  it('with OUTLIER_COMMENT_REQUIRED the flagged cell needs a comment before submit; once explained, it goes to the leader, who sees the warning', async () => {
    const refused = await api.call('entryA', 'POST', `/submissions/${july}/submit`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'FORM_CONSTRAINTS_VIOLATED']);
    expect((refused.body.details as { violations: unknown[] }).violations).toEqual([
      {
        code: 'OUTLIER_COMMENT_REQUIRED',
        row: '0207',
        column: 'THIS_PERIOD',
        message:
          'Dòng «Tổng thu ngân sách nhà nước trên địa bàn», cột «Thực hiện tháng báo cáo»: số liệu bất thường so với lịch sử của đơn vị, cần ghi ý kiến giải thích vào ô trước khi trình',
      },
    ]);
    expect((await api.call('entryA', 'GET', `/submissions/${july}`)).body.submission).toMatchObject({ state: 'draft' });
    // A comment on another cell does not explain this one.
    await api.call('entryA', 'POST', `/submissions/${july}/cells/comments`, {
      indicatorCode: '0208',
      columnCode: 'THIS_PERIOD',
      body: 'Bình thường',
    });
    expect((await api.call('entryA', 'POST', `/submissions/${july}/submit`, {})).status).toBe(422);
    const explained = await api.call('entryA', 'POST', `/submissions/${july}/cells/comments`, {
      indicatorCode: '0207',
      columnCode: 'THIS_PERIOD',
      body: 'Thu tiền sử dụng đất một lần của dự án khu đô thị',
    });
    expect(explained.status).toBe(201);
    expect((await api.call('entryA', 'POST', `/submissions/${july}/submit`, {})).status).toBe(200);
    const seen = await api.call('leaderA', 'GET', `/submissions/${july}`);
    expect((seen.body.warnings as { code: string }[]).map((w) => w.code)).toEqual(['PLAUSIBILITY_OUTLIER']);
    expect(seen.body.actions).toContain('approve');
  });
});

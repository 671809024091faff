import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { startApi, type Api, type User } from './support/api.js';

/** 10 January 2027: the January 2027 monthly window (15/12/2026 → 14/01/2027) is open. */
const NOW = new Date('2027-01-10T02:00:00Z');

const values = [
  { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 100 },
  { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 60 },
  { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 40 },
];

describe.each(testDatabases)('core + submissions wired for real (seeded demo province) on $name', ({ open }) => {
  let t: TestDatabase;
  let api: Api;

  async function assignmentOf(who: User, orgUnitId: string): Promise<string> {
    const res = await api.call(who, 'GET', `/assignments?periodKey=2027-M01&formCode=KTXH-THANG-01&orgUnitId=${orgUnitId}`);
    expect(res.status).toBe(200);
    const list = res.body.assignments as { id: string; deadline: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.deadline).toBe('2027-01-18');
    return list[0]!.id;
  }

  async function draft(who: User, orgUnitId: string): Promise<string> {
    const created = await api.call(who, 'POST', '/submissions', { assignmentId: await assignmentOf(who, orgUnitId) });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    t = await open();
    api = await startApi(t, NOW);
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  it('walks a commune monthly report: create → values → submit → approve (auto-dispatch) → sent to the province, which accepts it', async () => {
    const id = await draft('entryA', 'lc-x-tam-duong');
    const bad = await api.call('entryA', 'PUT', `/submissions/${id}/values`, {
      values: [...values.slice(0, 2), { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 1 }],
    });
    expect(bad.status).toBe(200);
    const refused = await api.call('entryA', 'POST', `/submissions/${id}/submit`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'FORM_CONSTRAINTS_VIOLATED']);
    expect(refused.body.details).toMatchObject({ violations: [{ code: 'SUM_MISMATCH', row: '0207', column: 'THIS_PERIOD' }] });

    expect((await api.call('entryA', 'PUT', `/submissions/${id}/values`, { values })).status).toBe(200);
    const submitted = await api.call('entryA', 'POST', `/submissions/${id}/submit`, {});
    expect(submitted.status).toBe(200);
    expect((submitted.body.submission as { state: string }).state).toBe('submitted');

    const approved = await api.call('leaderA', 'POST', `/submissions/${id}/approve`, {});
    expect(approved.status).toBe(200);
    const steps = (approved.body.transitions as { action: string }[]).map((s) => s.action);
    expect(steps).toEqual(['approve', 'dispatch']);
    expect((approved.body.submission as { state: string }).state).toBe('sent');

    // Routing: a commune's report goes to the province, which consolidates; only the province's goes national.
    const view = await api.call('leaderProv', 'GET', `/submissions/${id}`);
    expect(view.body).toMatchObject({ national: false, receiver: { id: 'lai-chau' }, actions: ['accept', 'return'] });
    await expect(
      api.gw.ctx.services.submissions!.recordNationalOutcome(id, { outcome: 'accepted', receiptId: 'BCCP-0001' }),
    ).rejects.toMatchObject({ code: 'RECEIVER_NOT_NATIONAL' });
    expect((await api.call('entryA', 'POST', `/submissions/${id}/accept`, {})).body.code).toBe('WORKFLOW_PARTY_FORBIDDEN');
    const byProvince = await api.call('leaderProv', 'POST', `/submissions/${id}/accept`, {});
    expect(byProvince.status).toBe(200);
    expect(byProvince.body.submission).toMatchObject({ state: 'accepted', acceptedAt: NOW.toISOString() });
  });

  it("refuses a commune A data-entry user on commune B's submission (403 ORG_SCOPE_FORBIDDEN)", async () => {
    const idB = await draft('entryB', 'lc-x-binh-lu');
    const read = await api.call('entryA', 'GET', `/submissions/${idB}`);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('ORG_SCOPE_FORBIDDEN');
    const write = await api.call('entryA', 'PUT', `/submissions/${idB}/values`, { values });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('ORG_SCOPE_FORBIDDEN');
    const assignments = await api.call('entryA', 'GET', '/assignments?orgUnitId=lc-x-binh-lu');
    expect(assignments.status).toBe(403);
    expect(assignments.body.code).toBe('ORG_SCOPE_FORBIDDEN');
  });

  it('rejects a return without a reason with a stable code, and accepts one with a reason', async () => {
    const id = await draft('entryC', 'lc-x-phong-tho');
    await api.call('entryC', 'PUT', `/submissions/${id}/values`, { values });
    expect((await api.call('entryC', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    const noReason = await api.call('leaderC', 'POST', `/submissions/${id}/return`, {});
    expect([noReason.status, noReason.body.code]).toEqual([400, 'RETURN_REASON_REQUIRED']);
    const returned = await api.call('leaderC', 'POST', `/submissions/${id}/return`, { reason: 'Số liệu thu ngân sách chưa khớp' });
    expect(returned.status).toBe(200);
    expect((returned.body.submission as { state: string }).state).toBe('returned');
  });

  it("the demo monthly form's own rules: required revenue cells block the submit by row label, index bounds and a month's swing warn", async () => {
    const cells = (revenue: number, exports: number | null, index: number) => [
      { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: revenue },
      { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: revenue - (exports ?? 0) },
      ...(exports === null ? [] : [{ indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: exports }]),
      { indicatorCode: '0401', columnCode: 'THIS_PERIOD', value: index },
    ];
    const reportOf = async (periodKey: string) => {
      const found = await api.call('entryB', 'GET', `/submissions?periodKey=${periodKey}&formCode=KTXH-THANG-01&orgUnitId=lc-x-binh-lu`);
      const [existing] = found.body.submissions as { id: string }[];
      if (existing) return existing.id;
      const list = await api.call('entryB', 'GET', `/assignments?periodKey=${periodKey}&formCode=KTXH-THANG-01&orgUnitId=lc-x-binh-lu`);
      const [a] = list.body.assignments as { id: string }[];
      return (await api.call('entryB', 'POST', '/submissions', { assignmentId: a!.id })).body.id as string;
    };
    // January: 100 in revenue, an ordinary industrial production index.
    const jan = await reportOf('2027-M01');
    expect((await api.call('entryB', 'PUT', `/submissions/${jan}/values`, { values: cells(100, 40, 104.5) })).status).toBe(200);
    // February: the export revenue left empty, revenue tripled, an index of 250.
    const feb = await reportOf('2027-M02');
    expect((await api.call('entryB', 'PUT', `/submissions/${feb}/values`, { values: cells(300, null, 250) })).status).toBe(200);
    const refused = await api.call('entryB', 'POST', `/submissions/${feb}/submit`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'FORM_CONSTRAINTS_VIOLATED']);
    const violations = (refused.body.details as { violations: { code: string; row: string; message: string }[] }).violations;
    const missing = violations.find((v) => v.code === 'CELL_REQUIRED');
    expect(missing).toMatchObject({ row: '0209' });
    expect(missing!.message).toContain('Thu từ hoạt động xuất nhập khẩu');

    expect((await api.call('entryB', 'PUT', `/submissions/${feb}/values`, { values: cells(300, 40, 250) })).status).toBe(200);
    expect((await api.call('entryB', 'POST', `/submissions/${feb}/submit`, {})).status).toBe(200);
    const seen = await api.call('entryB', 'GET', `/submissions/${feb}`);
    const warnings = (seen.body.warnings as { code: string; ruleId: string; row: string }[]).map((w) => [w.code, w.ruleId, w.row]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        ['PLAUSIBILITY_MIN_MAX', 'chi-so-san-xuat-cong-nghiep', '0401'],
        ['PLAUSIBILITY_CHANGE', 'bien-dong-so-voi-thang-truoc', '0207'],
        ['PLAUSIBILITY_CHANGE', 'bien-dong-so-voi-thang-truoc', '0208'],
      ]),
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api } from '../core/support/api.js';

const FORM = 'KTXH-THANG-HAN';
const DEADLINE = '2027-01-20';
/** 23:59 and 00:01 in Asia/Ho_Chi_Minh (UTC+7) either side of the end of the deadline day. */
const AT_2359 = new Date('2027-01-20T16:59:00Z');
const AT_0001 = new Date('2027-01-20T17:01:00Z');

/**
 * Entry locks at the deadline unless an extension was asked for and granted (#15), over HTTP on
 * the real core and submissions modules and PostgreSQL, the gateway's clock moved by the test,
 * one role per step: data entry of the commune asks, the commune's own leader and admin may not
 * decide, the province leader refuses or grants.
 */
describe('the deadline lock and extensions on PostgreSQL', () => {
  let t: TestDatabase;
  let api: Api;
  const clock = { now: AT_2359 };
  let assignmentId = '';
  let id = '';

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startApi(t, () => clock.now);
  }, 120_000);
  afterAll(async () => {
    await api?.gw.close();
    await t?.dispose();
  });

  const put = (value: number) =>
    api.call('entryA', 'PUT', `/submissions/${id}/values`, { values: [{ indicatorCode: '0207', columnCode: 'THIS_PERIOD', value }] });
  const valueNow = async () => ((await api.call('entryA', 'GET', `/submissions/${id}`)).body.values as { value: number }[])[0]?.value;
  const audits = async (action: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]!.n;

  it('at 23:59 on the deadline day the unit enters; the page is told when it locks, on the server clock', async () => {
    const form = {
      code: FORM,
      name: 'Biểu kiểm tra hạn nộp',
      type: 'data',
      regimeCode: 'KTXH-THANG',
      rows: [{ indicatorCode: '0207', order: 1, label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' }],
      columns: [{ code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' }],
      constraints: [],
    };
    expect((await api.call('admin', 'POST', '/forms', form)).status).toBe(201);
    const gen = await api.call('admin', 'POST', '/assignments/generate', {
      regimeCode: 'KTXH-THANG',
      periodKey: '2027-M01',
      deadline: DEADLINE,
    });
    expect(gen.status).toBe(201);
    const mine = (gen.body.created as { id: string; formCode: string; orgUnitId: string; extendedUntil: unknown }[]).find(
      (a) => a.formCode === FORM && a.orgUnitId === 'lc-x-tam-duong',
    )!;
    expect(mine.extendedUntil).toBeNull();
    assignmentId = mine.id;
    const created = await api.call('entryA', 'POST', '/submissions', { assignmentId });
    expect(created.status).toBe(201);
    id = created.body.id as string;
    expect((await put(10)).status).toBe(200);
    const view = (await api.call('entryA', 'GET', `/submissions/${id}`)).body;
    expect(view.entryLock).toEqual({
      until: DEADLINE,
      lockAt: '2027-01-20T17:00:00.000Z',
      locked: false,
      serverTime: AT_2359.toISOString(),
    });
    expect(view.actions).toContain('submit');
  });

  it('at 00:01 the next day nothing is written and nothing submitted; the page offers no submit', async () => {
    clock.now = AT_0001;
    const saves = await audits('submission.values_saved');
    const refused = await put(99);
    expect([refused.status, refused.body.code]).toEqual([409, 'ENTRY_LOCKED']);
    expect(refused.body.details).toMatchObject({ assignmentId, until: DEADLINE, lockAt: '2027-01-20T17:00:00.000Z' });
    expect(await valueNow()).toBe(10);
    expect(await audits('submission.values_saved')).toBe(saves);
    const submit = await api.call('entryA', 'POST', `/submissions/${id}/submit`, {});
    expect([submit.status, submit.body.code]).toEqual([409, 'ENTRY_LOCKED']);
    const view = (await api.call('entryA', 'GET', `/submissions/${id}`)).body;
    expect((view.submission as { state: string }).state).toBe('draft');
    expect((view.entryLock as { locked: boolean }).locked).toBe(true);
    expect(view.actions).not.toContain('submit');
  });

  it('the unit asks for an extension: a day in force or a second request is refused, nothing stored twice', async () => {
    const path = `/assignments/${assignmentId}/extensions`;
    const early = await api.call('entryA', 'POST', path, { until: DEADLINE, reason: 'Mất điện' });
    expect([early.status, early.body.code]).toEqual([400, 'EXTENSION_DATE_TOO_EARLY']);
    const noReason = await api.call('entryA', 'POST', path, { until: '2027-01-25', reason: '' });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'REQUEST_INVALID']);
    const blank = await api.call('entryA', 'POST', path, { until: '2027-01-25', reason: '   ' });
    expect([blank.status, blank.body.code]).toEqual([400, 'EXTENSION_REASON_REQUIRED']);
    const other = await api.call('entryB', 'POST', path, { until: '2027-01-25', reason: 'Hộ xã bạn' });
    expect([other.status, other.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
    const clerk = await api.call('clerkA', 'POST', path, { until: '2027-01-25', reason: 'Văn thư hỏi' });
    expect([clerk.status, clerk.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const asked = await api.call('entryA', 'POST', path, { until: '2027-01-25', reason: 'Mất điện do bão, chưa tổng hợp được' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      assignmentId,
      requestedUntil: '2027-01-25',
      reason: 'Mất điện do bão, chưa tổng hợp được',
      requestedBy: 'entryA',
      requestedAt: AT_0001.toISOString(),
      status: 'pending',
      grantedUntil: null,
      decidedBy: null,
    });
    const again = await api.call('entryA', 'POST', path, { until: '2027-01-26', reason: 'Lần nữa' });
    expect([again.status, again.body.code]).toEqual([409, 'EXTENSION_ALREADY_PENDING']);
    const list = (await api.call('entryA', 'GET', path)).body.extensions as unknown[];
    expect(list).toHaveLength(1);
    expect(await audits('assignment.extension_requested')).toBe(1);
    // Still locked while the request waits.
    expect((await put(20)).body.code).toBe('ENTRY_LOCKED');
  });

  it('the commune cannot extend its own deadline; the province leader sees the request and refuses it with a reason', async () => {
    const [pending] = (await api.call('entryA', 'GET', `/assignments/${assignmentId}/extensions`)).body.extensions as { id: string }[];
    const path = `/assignment-extensions/${pending!.id}`;
    for (const who of ['leaderA', 'adminA'] as const) {
      const r = await api.call(who, 'POST', `${path}/grant`, {});
      expect([r.status, r.body.code]).toEqual([403, 'EXTENSION_DECIDE_FORBIDDEN']);
    }
    expect((await api.call('leaderA', 'GET', '/assignment-extensions')).body.extensions).toEqual([]);
    const inbox = (await api.call('leaderProv', 'GET', '/assignment-extensions')).body.extensions as {
      id: string;
      assignment: { id: string };
    }[];
    expect(inbox.map((e) => [e.id, e.assignment.id])).toEqual([[pending!.id, assignmentId]]);
    const noNote = await api.call('leaderProv', 'POST', `${path}/refuse`, { note: ' ' });
    expect([noNote.status, noNote.body.code]).toEqual([400, 'EXTENSION_REASON_REQUIRED']);
    const refused = await api.call('leaderProv', 'POST', `${path}/refuse`, { note: 'Tỉnh đã chốt số liệu tổng hợp' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      decisionNote: 'Tỉnh đã chốt số liệu tổng hợp',
      decidedBy: 'leaderProv',
      grantedUntil: null,
    });
    expect((refused.body.assignment as { extendedUntil: unknown }).extendedUntil).toBeNull();
    const twice = await api.call('leaderProv', 'POST', `${path}/grant`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'EXTENSION_ALREADY_DECIDED']);
    expect((await put(20)).body.code).toBe('ENTRY_LOCKED');
    expect((await api.call('leaderProv', 'GET', '/assignment-extensions')).body.extensions).toEqual([]);
  });

  it('asked again and granted (to a day the leader chooses), the unit enters and submits until the end of that day', async () => {
    const asked = await api.call('entryA', 'POST', `/assignments/${assignmentId}/extensions`, {
      until: '2027-01-27',
      reason: 'Đã có điện trở lại',
    });
    expect(asked.status).toBe(201);
    const tooEarly = await api.call('leaderProv', 'POST', `/assignment-extensions/${asked.body.id}/grant`, { until: DEADLINE });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([400, 'EXTENSION_DATE_TOO_EARLY']);
    const granted = await api.call('leaderProv', 'POST', `/assignment-extensions/${asked.body.id}/grant`, {
      until: '2027-01-23',
      note: 'Đồng ý đến thứ Bảy',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      status: 'granted',
      grantedUntil: '2027-01-23',
      decisionNote: 'Đồng ý đến thứ Bảy',
      decidedBy: 'leaderProv',
    });
    expect((granted.body.assignment as { extendedUntil: string }).extendedUntil).toBe('2027-01-23');
    expect(await audits('assignment.extension_granted')).toBe(1);
    expect(await audits('assignment.extension_refused')).toBe(1);
    const view = (await api.call('entryA', 'GET', `/submissions/${id}`)).body;
    expect(view.entryLock).toMatchObject({ until: '2027-01-23', lockAt: '2027-01-23T17:00:00.000Z', locked: false });
    expect((await put(30)).status).toBe(200);
    expect(await valueNow()).toBe(30);
    clock.now = new Date('2027-01-23T16:59:00Z');
    expect((await api.call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
  });

  it('a report submitted once is not locked again: returned after the day granted, the unit fixes it', async () => {
    clock.now = new Date('2027-01-26T02:00:00Z');
    const back = await api.call('leaderA', 'POST', `/submissions/${id}/return`, { reason: 'Kiểm tra lại số thu' });
    expect(back.status).toBe(200);
    const view = (await api.call('entryA', 'GET', `/submissions/${id}`)).body;
    expect(view.entryLock).toBeNull();
    expect((await put(31)).status).toBe(200);
    expect((await api.call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
  });
});

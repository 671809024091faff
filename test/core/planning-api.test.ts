import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api } from './support/api.js';

const NOW = new Date('2027-01-10T02:00:00Z');

interface AssignmentBody {
  id: string;
  orgUnitId: string;
  deadline: string;
  status: string;
  parentAssignmentId: string | null;
}

describe('periods and assignments API', () => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startApi(t, NOW);
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  it('puts the January 2027 monthly deadline (2 working days after the 14th) past the weekend', async () => {
    const res = await api.call('entryA', 'GET', '/periods/2027-M01?regime=KTXH-THANG');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ kind: 'month', key: '2027-M01', windowStart: '2026-12-15', windowEnd: '2027-01-14' });
    // Thu 14 → Fri 15 (1st working day), Sat 16 and Sun 17 off → Mon 18.
    expect(res.body.deadline).toBe('2027-01-18');
    expect(res.body.daysOff).toEqual([
      { date: '2027-01-16', holiday: null },
      { date: '2027-01-17', holiday: null },
    ]);
  });

  it('shifts a deadline past the Hùng Kings holiday (10/3 lunar, 16 April 2027)', async () => {
    const res = await api.call('entryA', 'GET', '/periods/2027-M04?regime=KTXH-THANG');
    // Wed 14 → Thu 15 (1st working day), Fri 16 Giỗ tổ, weekend → Mon 19.
    expect(res.body.deadline).toBe('2027-04-19');
    expect(res.body.daysOff).toEqual([
      { date: '2027-04-16', holiday: 'Giỗ tổ Hùng Vương' },
      { date: '2027-04-17', holiday: null },
      { date: '2027-04-18', holiday: null },
    ]);
  });

  it('lists the days off of a year, with the five Tết days of 2027', async () => {
    const res = await api.call('entryA', 'GET', '/calendar/2027');
    const tet = (res.body.holidays as { date: string; name: string }[]).filter((h) => h.date >= '2027-02-05' && h.date <= '2027-02-09');
    expect(tet).toHaveLength(5);
    expect((await api.call('entryA', 'GET', '/calendar/1999')).body.code).toBe('YEAR_INVALID');
  });

  it('refuses unknown period keys and kinds the regime does not report', async () => {
    const key = await api.call('entryA', 'GET', '/periods/2027-X9');
    expect([key.status, key.body.code]).toEqual([400, 'PERIOD_KEY_INVALID']);
    const kind = await api.call('entryA', 'GET', '/periods/2027-Q1?regime=KTXH-THANG');
    expect([kind.status, kind.body.code]).toEqual([400, 'PERIOD_NOT_IN_REGIME']);
    const plain = await api.call('entryA', 'GET', '/periods/2027-H1');
    expect(plain.body).toMatchObject({ period: { windowStart: '2026-12-15', windowEnd: '2027-06-14' }, deadline: null });
  });

  it('seeded the current and next period of each demo regime, and generating again adds nothing', async () => {
    const current = await api.call('admin', 'GET', '/assignments?periodKey=2027-M01&regimeCode=KTXH-THANG');
    const next = await api.call('admin', 'GET', '/assignments?periodKey=2027-M02&regimeCode=KTXH-THANG');
    expect((current.body.assignments as unknown[]).length).toBeGreaterThan(10);
    expect((next.body.assignments as unknown[]).length).toBe((current.body.assignments as unknown[]).length);
    const again = await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'KTXH-THANG', periodKey: '2027-M01' });
    expect([again.status, again.body.created]).toEqual([201, []]);
    const own = await api.call('entryA', 'GET', '/assignments?periodKey=2027-M01');
    expect((own.body.assignments as AssignmentBody[]).map((a) => a.orgUnitId)).toEqual(['lc-x-tam-duong']);
  });

  it('generates a later period with its computed deadline and refuses bad requests', async () => {
    const created = await api.call('admin', 'POST', '/assignments/generate', {
      regimeCode: 'KTXH-THANG',
      periodKey: '2027-M03',
      orgUnitIds: ['lc-x-tam-duong'],
    });
    expect((created.body.created as AssignmentBody[]).map((a) => [a.orgUnitId, a.deadline])).toEqual([['lc-x-tam-duong', '2027-03-16']]);
    const leader = await api.call('leaderA', 'POST', '/assignments/generate', { regimeCode: 'KTXH-THANG', periodKey: '2027-M04' });
    expect([leader.status, leader.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const wrong = await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'KTXH-THANG', periodKey: '2027-H1' });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'PERIOD_NOT_IN_REGIME']);
  });

  it('reassigns to a sub-unit and closes/reopens reception with a note', async () => {
    const unknown = await api.call('admin', 'POST', '/regimes', {
      code: 'CD-SAI',
      name: 'Sai',
      type: 'periodic',
      periodKinds: ['month'],
      deadlineRule: { workingDaysAfterCutoff: 5 },
      assignees: { orgUnitIds: ['lai-chau', 'xa-khong-co'] },
    });
    expect(unknown.body).toMatchObject({ code: 'REGIME_ORG_UNIT_UNKNOWN', details: { orgUnitIds: ['xa-khong-co'] } });
    // A regime assigned to the province itself, which hands it on to one commune.
    await api.call('admin', 'POST', '/regimes', {
      code: 'CD-TINH',
      name: 'Báo cáo tỉnh',
      type: 'periodic',
      periodKinds: ['month'],
      deadlineRule: { workingDaysAfterCutoff: 5 },
      assignees: { orgUnitIds: ['lai-chau'] },
    });
    await api.call('admin', 'POST', '/forms', {
      code: 'CD-TINH-01',
      name: 'Biểu tỉnh',
      type: 'data',
      regimeCode: 'CD-TINH',
      rows: [{ indicatorCode: '0207', order: 1, label: 'Thu ngân sách', unit: 'tỷ đồng' }],
      columns: [{ code: 'THIS_PERIOD', label: 'Kỳ này', kind: 'number' }],
    });
    const [parent] = (await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'CD-TINH', periodKey: '2027-M01' })).body
      .created as AssignmentBody[];
    expect(parent!.orgUnitId).toBe('lai-chau');
    const [commune] = (await api.call('admin', 'GET', '/assignments?periodKey=2027-M01&orgUnitId=lc-x-binh-lu')).body
      .assignments as AssignmentBody[];
    const toSibling = await api.call('admin', 'POST', `/assignments/${commune!.id}/reassign`, { orgUnitIds: ['lc-x-tam-duong'] });
    expect([toSibling.status, toSibling.body.code]).toEqual([400, 'REASSIGN_NOT_SUB_UNIT']);
    const handed = await api.call('leaderProv', 'POST', `/assignments/${parent!.id}/reassign`, { orgUnitIds: ['lc-x-tam-duong'] });
    expect((handed.body.created as AssignmentBody[]).map((a) => [a.orgUnitId, a.parentAssignmentId])).toEqual([
      ['lc-x-tam-duong', parent!.id],
    ]);

    const own = (await api.call('leaderA', 'GET', '/assignments?periodKey=2027-M02')).body.assignments as AssignmentBody[];
    const id = own[0]!.id;
    const noNote = await api.call('leaderA', 'POST', `/assignments/${id}/close`, {});
    expect([noNote.status, noNote.body.code]).toEqual([400, 'REQUEST_INVALID']);
    const closed = await api.call('leaderA', 'POST', `/assignments/${id}/close`, { note: 'Tạm dừng tiếp nhận' });
    expect(closed.body).toMatchObject({ status: 'closed', statusNote: 'Tạm dừng tiếp nhận' });
    const twice = await api.call('leaderA', 'POST', `/assignments/${id}/close`, { note: 'Lần nữa' });
    expect([twice.status, twice.body.code]).toEqual([409, 'ASSIGNMENT_STATUS_UNCHANGED']);
    expect((await api.call('leaderA', 'POST', `/assignments/${id}/open`, { note: 'Mở lại' })).body.status).toBe('open');
    const entry = await api.call('entryA', 'POST', `/assignments/${id}/open`, { note: 'x' });
    expect([entry.status, entry.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });

  it('assigns a thematic report over the window it covers, which must be given', async () => {
    await api.call('admin', 'POST', '/regimes', {
      code: 'CD-LULU',
      name: 'Báo cáo chuyên đề mưa lũ',
      type: 'thematic',
      deadlineRule: { workingDaysAfterCutoff: 1 },
      assignees: { kinds: ['commune'] },
    });
    await api.call('admin', 'POST', '/forms', {
      code: 'CD-LULU-TM',
      name: 'Thuyết minh thiệt hại',
      type: 'narrative',
      regimeCode: 'CD-LULU',
      narrative: { maxAttachmentBytes: 1000000, maxAttachments: 3, mediaTypes: ['application/pdf'] },
    });
    const noWindow = await api.call('admin', 'POST', '/assignments/generate', { regimeCode: 'CD-LULU', periodKey: 'lu-2027' });
    expect([noWindow.status, noWindow.body.code]).toEqual([400, 'ASSIGNMENT_WINDOW_REQUIRED']);
    const res = await api.call('admin', 'POST', '/assignments/generate', {
      regimeCode: 'CD-LULU',
      periodKey: 'lu-2027',
      adHoc: { id: 1, windowStart: '2027-07-01', windowEnd: '2027-07-09' },
      orgUnitIds: ['lc-x-muong-te'],
    });
    // Fri 9 July + 1 working day → Mon 12 July.
    expect(
      (res.body.created as (AssignmentBody & { period: { kind: string } })[]).map((a) => [a.orgUnitId, a.period.kind, a.deadline]),
    ).toEqual([['lc-x-muong-te', 'ad_hoc', '2027-07-12']]);
  });
});

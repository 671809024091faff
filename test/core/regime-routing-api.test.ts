import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api, type User } from './support/api.js';

/** 10 January 2027: the January 2027 monthly window is open. */
const NOW = new Date('2027-01-10T02:00:00Z');
const ROUTING = '/regimes/KTXH-THANG/routing';
const values = [
  { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 100 },
  { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 60 },
  { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 40 },
];

/**
 * Routing and auto-dispatch as data per regime, set by the province's administrator through the
 * API (PATCH /regimes/{code}/routing), audited, and read by the workflow at the next transition:
 * PostgreSQL, the real core and submissions modules, the seeded demo province.
 */
describe('regime routing API (admin of the province)', () => {
  let t: TestDatabase;
  let api: Api;

  async function draft(who: User, orgUnitId: string): Promise<string> {
    const list = await api.call(who, 'GET', `/assignments?periodKey=2027-M01&formCode=KTXH-THANG-01&orgUnitId=${orgUnitId}`);
    const [a] = list.body.assignments as { id: string }[];
    const created = await api.call(who, 'POST', '/submissions', { assignmentId: a!.id });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }
  const route = async (who: User, id: string) => {
    const view = await api.call(who, 'GET', `/submissions/${id}`);
    return { national: view.body.national, receiver: (view.body.receiver as { id: string } | null)?.id ?? null };
  };

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startApi(t, NOW);
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  it('refuses anyone but an administrator of the province, and leaves the regime as it was', async () => {
    const leader = await api.call('leaderProv', 'PATCH', ROUTING, { autoDispatch: false });
    expect([leader.status, leader.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const communeAdmin = await api.call('adminA', 'PATCH', ROUTING, { routing: { national: 'all' } });
    expect([communeAdmin.status, communeAdmin.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
    expect((await api.call(null, 'PATCH', ROUTING, { autoDispatch: false })).status).toBe(401);
    const regime = await api.call('leaderProv', 'GET', '/regimes/KTXH-THANG');
    expect(regime.body).toMatchObject({ autoDispatch: true, routing: { national: 'receiver' } });
    expect(await listAudit(t.db, { action: 'regime.routing_update' })).toEqual([]);
  });

  it('sets autoDispatch and which reports go national; the next transitions follow; audited with before and after', async () => {
    // The province's choice: the clerk sends, and every unit reports straight to the national system.
    const set = await api.call('admin', 'PATCH', ROUTING, { autoDispatch: false, routing: { national: 'all' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ code: 'KTXH-THANG', autoDispatch: false, routing: { national: 'all' } });
    expect((await api.call('entryA', 'GET', '/regimes/KTXH-THANG')).body).toMatchObject({
      autoDispatch: false,
      routing: { national: 'all' },
    });

    const id = await draft('entryA', 'lc-x-tam-duong');
    expect(await route('entryA', id)).toEqual({ national: true, receiver: null });
    await api.call('entryA', 'PUT', `/submissions/${id}/values`, { values });
    expect((await api.call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    const approved = await api.call('leaderA', 'POST', `/submissions/${id}/approve`, {});
    // No auto-dispatch any more: the approval waits for the clerk.
    expect((approved.body.transitions as { action: string }[]).map((s) => s.action)).toEqual(['approve']);
    expect((approved.body.submission as { state: string }).state).toBe('approved');

    // A per-form rule on top: this form goes the standard way again (the province's consolidated report only).
    const perForm = await api.call('admin', 'PATCH', ROUTING, {
      routing: { national: 'all', receivers: { commune: 'parent' }, forms: { 'KTXH-THANG-01': { national: 'receiver' } } },
    });
    expect(perForm.status).toBe(200);
    expect(perForm.body).toMatchObject({ autoDispatch: false });
    const other = await draft('entryC', 'lc-x-phong-tho');
    expect(await route('entryC', other)).toEqual({ national: false, receiver: 'lai-chau' });

    const trail = await listAudit(t.db, { subject: 'KTXH-THANG', action: 'regime.routing_update' });
    expect(trail).toHaveLength(2);
    const first = trail.find((a) => (a.details.after as { routing: { forms?: unknown } }).routing.forms === undefined)!;
    expect(first).toMatchObject({
      actor: 'admin',
      details: {
        before: { autoDispatch: true, routing: { national: 'receiver' } },
        after: { autoDispatch: false, routing: { national: 'all' } },
      },
    });
  });

  it('refuses a bad change with a stable code: empty, mistyped, a form of another regime, an unknown unit, an unknown regime', async () => {
    const call = (body: unknown, path = ROUTING) => api.call('admin', 'PATCH', path, body);
    expect((await call({})).body.code).toBe('REQUEST_INVALID');
    expect((await call({ autoDispatch: 'yes' })).body.code).toBe('REQUEST_INVALID');
    expect((await call({ routing: { national: 'everywhere' } })).body.code).toBe('REQUEST_INVALID');
    const foreign = await call({ routing: { forms: { 'KTXH-6THANG-01': { national: 'none' } } } });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'REGIME_FORM_UNKNOWN']);
    const unknownUnit = await call({ routing: { receivers: { department: { orgUnitId: 'khong-co' } } } });
    expect([unknownUnit.status, unknownUnit.body.code]).toEqual([400, 'REGIME_ORG_UNIT_UNKNOWN']);
    const missing = await call({ autoDispatch: true }, '/regimes/KHONG-CO/routing');
    expect([missing.status, missing.body.code]).toEqual([404, 'REGIME_NOT_FOUND']);
  });
});

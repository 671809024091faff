import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { createSubmissionsModule, type SubmissionsServices } from '../../src/core/submissions/module.js';
import { listAudit } from '../../src/store/audit-log.js';
import { fakeAuthModule } from '../support/fake-auth.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { MemoryCatalog, principal } from './support/memory-catalog.js';
import { TestSigner } from './support/setup.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import { contractViolations } from '../support/openapi-conformance.js';

const users = {
  entryA: { ...principal('entryA', ['data_entry'], 'comA'), displayName: 'Nguyễn Văn An' },
  leaderA: { ...principal('leaderA', ['leader'], 'comA'), displayName: 'Lê Thị Bình' },
  entryB: principal('entryB', ['data_entry'], 'comB'),
};
type User = keyof typeof users;

interface Body {
  id?: string | number;
  code?: string;
  changes?: Record<string, unknown>[];
  comments?: Record<string, unknown>[];
}

const NOW = new Date('2027-02-05T08:30:00.000Z');
const cell = (indicatorCode: string, value: number) => ({ indicatorCode, columnCode: 'THIS_PERIOD', value });

describe.each(testDatabases)('cell trail (changes old → new, comments) on $name', ({ open }) => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  let id: string;

  async function call(user: User | null, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await res.json()) as Body;
    expect(contractViolations(method, `/api/v1${path}`, res.status, parsed, { documentedOnly: true })).toEqual([]);
    return { status: res.status, body: parsed };
  }
  const commentCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM submission_cell_comments')).rows[0]!.n;

  beforeAll(async () => {
    t = await open();
    // The report is entered after their deadline (history loaded for the test): the lock is test/submissions/entry-lock.test.ts's subject.
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false', ENTRY_LOCK_AT_DEADLINE: 'false' }),
      db: t.db,
      now: () => NOW,
      modules: [fakeAuthModule(users), scanningModule, createSubmissionsModule({ catalog: new MemoryCatalog(), signer: new TestSigner() })],
    });
    // As the composition root binds identity's: who is an account has a display name, others none.
    const names = new Map(Object.entries(users).map(([key, u]) => [key, u.displayName]));
    (gw.ctx.services.submissions as SubmissionsServices).useAccountNames(
      async (ids) => new Map(ids.filter((i) => names.has(i)).map((i) => [i, names.get(i)!])),
    );
    const server = await gw.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const created = await call('entryA', 'POST', '/submissions', { assignmentId: 'POP-comA' });
    id = String(created.body.id);
  });
  afterAll(async () => {
    await gw.close();
    await t.dispose();
  });

  it('records every cell change old → new with who, when and the state; an unchanged cell adds nothing', async () => {
    expect(
      (await call('entryA', 'PUT', `/submissions/${id}/values`, { values: [cell('TOTAL', 10), cell('MALE', 4), cell('FEMALE', 6)] }))
        .status,
    ).toBe(200);
    expect(
      (await call('entryA', 'PUT', `/submissions/${id}/values`, { values: [cell('TOTAL', 12), cell('MALE', 6), cell('FEMALE', 6)] }))
        .status,
    ).toBe(200);
    const trail = await call('leaderA', 'GET', `/submissions/${id}/cells`);
    expect(trail.status).toBe(200);
    const at = NOW.toISOString();
    const change = (indicatorCode: string, oldValue: number | null, newValue: number) => ({
      indicatorCode,
      columnCode: 'THIS_PERIOD',
      disaggregationKey: '',
      oldValue,
      newValue,
      changedBy: 'entryA',
      changedByName: 'Nguyễn Văn An',
      changedAt: at,
      state: 'draft',
      viaApp: true,
    });
    expect(trail.body.changes).toEqual([
      change('FEMALE', null, 6),
      change('MALE', null, 4),
      change('TOTAL', null, 10),
      change('MALE', 4, 6),
      change('TOTAL', 10, 12),
    ]);
    expect(trail.body.comments).toEqual([]);
  });

  it('keeps a comment thread per cell (author, name, unit, time) from data entry and the leader, each audited', async () => {
    const first = await call('entryA', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
      body: '  Tăng do sáp nhập thôn  ',
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(Number),
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
      disaggregationKey: '',
      author: 'entryA',
      authorName: 'Nguyễn Văn An',
      orgUnitId: 'comA',
      body: 'Tăng do sáp nhập thôn',
      createdAt: NOW.toISOString(),
    });
    const reply = await call('leaderA', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
      body: 'Đề nghị ghi rõ số thôn',
    });
    expect(reply.status).toBe(201);
    const trail = await call('entryA', 'GET', `/submissions/${id}/cells`);
    expect(trail.body.comments!.map((c) => [c.author, c.body])).toEqual([
      ['entryA', 'Tăng do sáp nhập thôn'],
      ['leaderA', 'Đề nghị ghi rõ số thôn'],
    ]);
    const audit = (await listAudit(t.db, { subject: id })).filter((a) => a.action === 'submission.cell_commented');
    expect(audit.map((a) => [a.actor, a.orgUnitId, a.details])).toEqual([
      ['leaderA', 'comA', { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', disaggregationKey: '' }],
      ['entryA', 'comA', { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', disaggregationKey: '' }],
    ]);
  });

  it('refuses another unit, an unknown cell and an empty comment, storing nothing', async () => {
    const before = await commentCount();
    expect((await call('entryB', 'GET', `/submissions/${id}/cells`)).body.code).toBe('ORG_SCOPE_FORBIDDEN');
    const other = await call('entryB', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
      body: 'x',
    });
    expect(other).toMatchObject({ status: 403, body: { code: 'ORG_SCOPE_FORBIDDEN' } });
    const unknown = await call('entryA', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'NOPE',
      columnCode: 'THIS_PERIOD',
      body: 'x',
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'VALUE_CELL_UNKNOWN' } });
    const blank = await call('entryA', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
      body: '   ',
    });
    expect(blank).toMatchObject({ status: 400, body: { code: 'CELL_COMMENT_EMPTY' } });
    const missing = await call('entryA', 'POST', `/submissions/${id}/cells/comments`, {
      indicatorCode: 'TOTAL',
      columnCode: 'THIS_PERIOD',
    });
    expect(missing).toMatchObject({ status: 400, body: { code: 'REQUEST_INVALID' } });
    expect(await call(null, 'GET', `/submissions/${id}/cells`)).toMatchObject({ status: 401 });
    expect(await commentCount()).toBe(before);
  });

  it('shows a change made after approval, also one typed into the database by hand, with the state it was made in', async () => {
    expect((await call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    expect((await call('leaderA', 'POST', `/submissions/${id}/approve`, {})).status).toBe(200);
    await t.db.query(`UPDATE submission_values SET value = 13 WHERE submission_id = $1 AND indicator_code = 'TOTAL'`, [id]);
    const changes = (await call('leaderA', 'GET', `/submissions/${id}/cells`)).body.changes!;
    expect(changes).toHaveLength(6);
    expect(changes[5]).toMatchObject({
      indicatorCode: 'TOTAL',
      oldValue: 12,
      newValue: 13,
      state: 'approved',
      viaApp: false,
      changedBy: expect.stringMatching(/^database:/),
    });
  });
});

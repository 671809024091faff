import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { createSubmissionsModule, type SubmissionsServices } from '../../src/core/submissions/module.js';
import { listAudit } from '../../src/store/audit-log.js';
import { fakeAuthModule } from '../support/fake-auth.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { MemoryCatalog, principal } from './support/memory-catalog.js';
import { TestSigner } from './support/setup.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import { contractViolations } from '../support/openapi-conformance.js';

const users = {
  entryA: principal('entryA', ['data_entry'], 'comA'),
  leaderA: principal('leaderA', ['leader'], 'comA'),
  clerkA: principal('clerkA', ['clerk'], 'comA'),
  entryB: principal('entryB', ['data_entry'], 'comB'),
  leaderDist: principal('leaderDist', ['leader'], 'dist'),
  entryProv: principal('entryProv', ['data_entry'], 'prov'),
  leaderProv: principal('leaderProv', ['leader'], 'prov'),
  clerkProv: principal('clerkProv', ['clerk'], 'prov'),
  ops: principal('ops', ['ops'], 'prov'),
};
type User = keyof typeof users;

const grid = [
  { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 10 },
  { indicatorCode: 'MALE', columnCode: 'THIS_PERIOD', value: 4 },
  { indicatorCode: 'FEMALE', columnCode: 'THIS_PERIOD', value: 6 },
];

/** The parts of the answers these tests read. */
interface ApiBody {
  code?: string;
  id?: string;
  details?: { submissionId?: string; cause?: string };
  submission?: { state: string };
  actions?: string[];
  transitions?: { action: string }[];
  units?: { orgUnitId: string }[];
  attachments?: { id: string; sha256: string }[];
  submissions?: { orgUnitId: string }[];
}

describe('submissions API', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  let services: SubmissionsServices;

  async function call(user: User | null, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await res.json()) as ApiBody;
    // Every documented answer is the one the OpenAPI document promises.
    expect(contractViolations(method, `/api/v1${path}`, res.status, parsed, { documentedOnly: true })).toEqual([]);
    return { status: res.status, body: parsed };
  }

  async function entered(user: User, assignmentId: string): Promise<string> {
    const created = await call(user, 'POST', '/submissions', { assignmentId });
    expect(created.status).toBe(201);
    expect((await call(user, 'PUT', `/submissions/${created.body.id}/values`, { values: grid })).status).toBe(200);
    return created.body.id!;
  }

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false' }),
      db: t.db,
      modules: [fakeAuthModule(users), scanningModule, createSubmissionsModule({ catalog: new MemoryCatalog(), signer: new TestSigner() })],
    });
    services = gw.ctx.services.submissions as SubmissionsServices;
    const server = await gw.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await gw.close();
    await t.dispose();
  });

  it('requires authentication and validates bodies against the contracts', async () => {
    expect((await call(null, 'POST', '/submissions', { assignmentId: 'POP-comA' })).body.code).toBe('AUTH_REQUIRED');
    const bad = await call('entryA', 'POST', '/submissions', { assignment: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('REQUEST_INVALID');
    const secret = await call('entryA', 'POST', '/submissions', { assignmentId: 'NARR-comA', classification: 'secret' });
    expect(secret).toMatchObject({ status: 422, body: { code: 'SECRET_REPORT_FORBIDDEN' } });
  });

  it("answers 403 ORG_SCOPE_FORBIDDEN when commune B touches commune A's report", async () => {
    const id = await entered('entryA', 'POP-comA');
    expect((await call('entryB', 'GET', `/submissions/${id}`)).body.code).toBe('ORG_SCOPE_FORBIDDEN');
    const put = await call('entryB', 'PUT', `/submissions/${id}/values`, { values: grid });
    expect(put).toMatchObject({ status: 403, body: { code: 'ORG_SCOPE_FORBIDDEN' } });
    expect((await call('entryB', 'POST', `/submissions/${id}/submit`, {})).status).toBe(403);
    expect((await call('entryB', 'GET', `/submissions/${id}/history`)).status).toBe(403);
    expect((await call('entryA', 'GET', `/submissions/${id}`)).body.actions).toEqual(['submit']);
  });

  it('runs the workflow over HTTP: return needs a reason, recall is refused after acceptance, all audited', async () => {
    const existing = await call('entryA', 'POST', '/submissions', { assignmentId: 'POP-comA' });
    expect(existing.body.code).toBe('SUBMISSION_EXISTS');
    const id = existing.body.details!.submissionId!;
    expect((await call('entryA', 'POST', `/submissions/${id}/submit`, {})).body.submission!.state).toBe('submitted');
    const noReason = await call('leaderA', 'POST', `/submissions/${id}/return`, {});
    expect(noReason).toMatchObject({ status: 400, body: { code: 'RETURN_REASON_REQUIRED' } });
    expect((await call('leaderA', 'POST', `/submissions/${id}/return`, { reason: 'Thiếu số liệu' })).body.submission!.state).toBe(
      'returned',
    );
    expect((await call('entryA', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    expect((await call('leaderA', 'POST', `/submissions/${id}/approve`, {})).body.submission!.state).toBe('approved');
    expect((await call('clerkA', 'POST', `/submissions/${id}/dispatch`, {})).body.submission!.state).toBe('sent');
    expect((await call('leaderDist', 'POST', `/submissions/${id}/accept`, {})).body.submission!.state).toBe('accepted');
    const recall = await call('clerkA', 'POST', `/submissions/${id}/recall`, {});
    expect(recall).toMatchObject({ status: 409, body: { code: 'WORKFLOW_TRANSITION_INVALID' } });

    const history = await call('entryA', 'GET', `/submissions/${id}/history`);
    expect(history.body.transitions!.map((x) => x.action)).toEqual(['submit', 'return', 'submit', 'approve', 'dispatch', 'accept']);
    expect(history.body.transitions![1]).toMatchObject({
      reason: 'Thiếu số liệu',
      actor: 'leaderA',
      role: 'leader',
      from: 'submitted',
      to: 'returned',
    });
    const audit = await listAudit(t.db, { subject: id });
    expect(audit.filter((a) => a.action.startsWith('submission.')).map((a) => a.action)).toContain('submission.return');
    expect(audit.find((a) => a.action === 'submission.return')).toMatchObject({
      actor: 'leaderA',
      orgUnitId: 'comA',
      details: { reason: 'Thiếu số liệu' },
    });
  });

  it('runs onDispatched listeners in the dispatch transaction; a throwing listener rolls the dispatch back', async () => {
    const prov = await call('entryProv', 'POST', '/submissions', { assignmentId: 'POP-prov' });
    const id = prov.body.id!;
    expect((await call('entryProv', 'POST', `/submissions/${id}/consolidate`, {})).status).toBe(200);
    await call('entryProv', 'PUT', `/submissions/${id}/values`, { values: grid });
    await call('entryProv', 'POST', `/submissions/${id}/submit`, {});
    await call('leaderProv', 'POST', `/submissions/${id}/approve`, {});

    const off = services.onDispatched(async (tx, report) => {
      await tx.query('INSERT INTO audit_log (actor, action, subject) VALUES ($1, $2, $3)', [
        'outbox',
        'test.outbox_row',
        report.submissionId,
      ]);
      throw new Error('boom');
    });
    const failed = await call('clerkProv', 'POST', `/submissions/${id}/dispatch`, {});
    expect(failed).toMatchObject({ status: 503, body: { code: 'DISPATCH_FAILED', details: { cause: 'boom' } } });
    off();
    expect((await call('clerkProv', 'GET', `/submissions/${id}`)).body.submission!.state).toBe('approved');
    expect(await listAudit(t.db, { subject: id, action: 'test.outbox_row' })).toHaveLength(0);

    const offOk = services.onDispatched(async (tx, report) => {
      await tx.query('INSERT INTO audit_log (actor, action, subject) VALUES ($1, $2, $3)', [
        'outbox',
        'test.outbox_row',
        report.submissionId,
      ]);
    });
    expect((await call('clerkProv', 'POST', `/submissions/${id}/dispatch`, {})).body.submission!.state).toBe('sent');
    offOk();
    expect(await listAudit(t.db, { subject: id, action: 'test.outbox_row' })).toHaveLength(1);
    await services.markAcceptedByReceiver(id, { receiptId: 'R-1' });
    expect((await call('leaderProv', 'GET', `/submissions/${id}`)).body.submission!.state).toBe('accepted');
  });

  it('saves a narrative report with attachments and serves their bytes to the unit, not to another commune', async () => {
    const created = await call('entryA', 'POST', '/submissions', { assignmentId: 'NARR-comA' });
    const id = created.body.id!;
    const content = Buffer.from('Phụ lục số liệu');
    const saved = await call('entryA', 'PUT', `/submissions/${id}/narrative`, {
      title: 'Báo cáo tháng 1',
      text: 'Nội dung',
      attachments: [{ name: 'phụ lục.txt', mediaType: 'text/plain', contentBase64: content.toString('base64') }],
    });
    expect(saved.status).toBe(200);
    const attachmentId = saved.body.attachments![0]!.id;
    const res = await fetch(`${base}/api/v1/submissions/${id}/attachments/${attachmentId}`, { headers: { 'x-test-user': 'leaderA' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    expect(res.headers.get('x-content-sha256')).toBe(saved.body.attachments![0]!.sha256);
    const other = await fetch(`${base}/api/v1/submissions/${id}/attachments/${attachmentId}`, { headers: { 'x-test-user': 'entryB' } });
    expect(other.status).toBe(403);
    const bad = await call('entryA', 'PUT', `/submissions/${id}/narrative`, {
      title: 't',
      text: 'x',
      attachments: [{ name: 'a', mediaType: 'text/plain', contentBase64: '***' }],
    });
    expect(bad.body.code).toBe('ATTACHMENT_BASE64_INVALID');
  });

  it("lists only the submissions in the caller's scope", async () => {
    await call('entryB', 'POST', '/submissions', { assignmentId: 'POP-comB' });
    const mine = await call('entryA', 'GET', '/submissions?periodKey=2027-M01');
    expect(new Set(mine.body.submissions!.map((x) => x.orgUnitId))).toEqual(new Set(['comA']));
    const district = await call('leaderDist', 'GET', '/submissions?periodKey=2027-M01&formCode=POP');
    expect(new Set(district.body.submissions!.map((x) => x.orgUnitId))).toEqual(new Set(['comA', 'comB']));
    expect((await call('entryA', 'GET', '/submissions?state=nope')).body.code).toBe('STATE_UNKNOWN');
  });

  it('serves timeliness to ops and leaders, scoped to their subtree', async () => {
    expect((await call('entryA', 'GET', '/submissions/timeliness?periodKey=2027-M01')).status).toBe(403);
    expect((await call('ops', 'GET', '/submissions/timeliness')).body.code).toBe('PERIOD_KEY_REQUIRED');
    const all = await call('ops', 'GET', '/submissions/timeliness?periodKey=2027-M01&regimeCode=R-MONTH');
    expect(all.body.units!.map((u) => u.orgUnitId).sort()).toEqual(['comA', 'comB', 'dist', 'prov']);
    const a = await call('leaderA', 'GET', '/submissions/timeliness?periodKey=2027-M01');
    expect(a.body.units).toEqual([expect.objectContaining({ orgUnitId: 'comA' })]);
  });

  it('exports timeliness over a span as xlsx (the annual evaluation) to a leader, scoped to their subtree; refuses data entry and a bad span', async () => {
    const get = (user: User | null, query: string) =>
      fetch(`${base}/api/v1/submissions/timeliness.xlsx?${query}`, { headers: user ? { 'x-test-user': user } : {} });
    const res = await get('leaderDist', 'span=year&year=2027');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Tổng hợp')!;
    const units = [...Array(sheet.rowCount - 3).keys()].map((i) => sheet.getRow(i + 4).getCell(1).value);
    expect(units.sort()).toEqual(['comA', 'comB', 'dist']);
    expect((await get('entryA', 'span=year&year=2027')).status).toBe(403);
    const bad = await get('leaderDist', 'span=week&year=2027');
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'TIMELINESS_SPAN_INVALID']);
  });
});

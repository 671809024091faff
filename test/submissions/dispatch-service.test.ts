import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovedReport } from '../../src/core/approved-report.js';
import { listAudit } from '../../src/store/audit-log.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { comA, comB, dist, errorOf, grid, prov, sendUp } from './support/fixtures.js';
import { harness, TestSigner, type Harness } from './support/setup.js';

describe.each(testDatabases)('submissions dispatch, corrections, narrative, timeliness on $name', ({ open }) => {
  let t: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE submissions CASCADE');
    h = harness(t.db);
  });

  it("dispatches the province's report through the listeners inside the transaction; a failing listener rolls it back", async () => {
    const seen: ApprovedReport[] = [];
    const off = h.listeners.register(async (tx, report) => {
      // The listener sees the dispatch's own uncommitted writes: same transaction.
      const row = await tx.query<{ state: string }>('SELECT state FROM submissions WHERE id = $1', [report.submissionId]);
      expect(row.rows[0]!.state).toBe('sent');
      seen.push(report);
    });
    const failing = h.listeners.register(async () => {
      throw new Error('outbox unavailable');
    });
    const p = await h.service.create(prov.entry, { assignmentId: 'POP-prov' });
    await h.service.saveValues(prov.entry, p.id, grid(3, 1, 2));
    await h.service.consolidate(prov.entry, p.id);
    await h.service.saveValues(prov.entry, p.id, grid(3, 1, 2));
    await h.service.transition(prov.entry, p.id, 'submit');
    await h.service.transition(prov.leader, p.id, 'approve');

    expect(await errorOf(h.service.transition(prov.clerk, p.id, 'dispatch'))).toBe('503 DISPATCH_FAILED');
    expect((await h.service.get(prov.clerk, p.id)).submission.state).toBe('approved');
    expect(await listAudit(t.db, { subject: p.id, action: 'submission.dispatch' })).toHaveLength(0);
    expect((await h.service.history(prov.clerk, p.id)).map((x) => x.action)).toEqual(['submit', 'approve']);

    failing();
    const out = await h.service.transition(prov.clerk, p.id, 'dispatch');
    expect(out.submission.state).toBe('sent');
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ submissionId: p.id, version: 1, kind: 'original', orgUnit: { orgCode: '000.00.00.H41' } });
    off();

    // Only the national system accepts a report that left the province.
    expect(await errorOf(h.service.transition(prov.leader, p.id, 'accept'))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    const receipt = await h.service.markAcceptedByReceiver(p.id, { receiptId: 'NAT-1', system: 'national' });
    expect(receipt?.submission.state).toBe('accepted');
    expect(await h.service.markAcceptedByReceiver(p.id, { receiptId: 'NAT-1' })).toBeNull();
    expect((await h.service.history(prov.clerk, p.id)).at(-1)).toMatchObject({
      actor: 'system:national',
      role: 'system',
      details: { receipt: { receiptId: 'NAT-1' } },
    });
  });

  it('tells the recall listeners when a report that left the province is recalled before its receipt', async () => {
    const notices: unknown[] = [];
    h.listeners.recalled.register(async (_tx, notice) => {
      notices.push(notice);
    });
    h.listeners.register(async () => undefined);
    const p = await h.service.create(prov.entry, { assignmentId: 'POP-prov' });
    await h.service.consolidate(prov.entry, p.id);
    await h.service.saveValues(prov.entry, p.id, grid(3, 1, 2));
    await h.service.transition(prov.entry, p.id, 'submit');
    await h.service.transition(prov.leader, p.id, 'approve');
    await h.service.transition(prov.clerk, p.id, 'dispatch');
    await h.service.transition(prov.clerk, p.id, 'recall', { reason: 'Sai kỳ báo cáo' });
    expect(notices).toEqual([
      expect.objectContaining({ submissionId: p.id, version: 1, reason: 'Sai kỳ báo cáo', recalledBy: 'clerk-prov' }),
    ]);
    // A commune's recall stays inside the province.
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    await h.service.transition(comA.clerk, a, 'recall');
    expect(notices).toHaveLength(1);
  });

  it("dispatches in the approval's transaction when the regime says autoDispatch", async () => {
    h.catalog.regimes.set('R-MONTH', { code: 'R-MONTH', autoDispatch: true, national: false });
    const created = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    await h.service.saveValues(comA.entry, created.id, grid(10, 4, 6));
    await h.service.transition(comA.entry, created.id, 'submit');
    const out = await h.service.transition(comA.leader, created.id, 'approve');
    expect(out.submission.state).toBe('sent');
    expect(out.transitions.map((x) => `${x.action}:${x.actor}`)).toEqual(['approve:leader-comA', 'dispatch:system:auto-dispatch']);
  });

  it('corrects an accepted report through the whole path again: entry edits, the leader signs, the clerk sends version 2', async () => {
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    await h.service.transition(dist.leader, a, 'accept');
    expect(await errorOf(h.service.transition(comA.entry, a, 'request_correction', {}))).toBe('400 CORRECTION_REASON_REQUIRED');
    expect(await errorOf(h.service.transition(dist.leader, a, 'request_correction', { reason: 'x' }))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    const reopened = await h.service.transition(comA.clerk, a, 'request_correction', { reason: 'Bổ sung số liệu' });
    expect(reopened.submission).toMatchObject({
      state: 'draft',
      version: 2,
      kind: 'correction',
      signer: null,
      signature: null,
      acceptedAt: null,
    });
    // The accepted version stays frozen while the next one is entered.
    let view = await h.service.get(dist.leader, a);
    expect(view.versions.map((v) => [v.version, v.kind])).toEqual([[1, 'original']]);

    // Two cells change; the checks run over the whole report, so a broken total is still caught.
    await h.service.saveValues(comA.entry, a, [{ indicatorCode: 'MALE', columnCode: 'THIS_PERIOD', value: 6 }]);
    expect(await errorOf(h.service.transition(comA.entry, a, 'submit'))).toBe('422 FORM_CONSTRAINTS_VIOLATED');
    await h.service.saveValues(comA.entry, a, [{ indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 12 }]);
    await h.service.transition(comA.entry, a, 'submit');
    expect(await errorOf(h.service.transition(comA.clerk, a, 'dispatch'))).toBe('409 WORKFLOW_TRANSITION_INVALID');
    const approved = await h.service.transition(comA.leader, a, 'approve');
    expect(approved.submission).toMatchObject({
      state: 'approved',
      version: 2,
      kind: 'correction',
      approvedBy: 'leader-comA',
      signer: 'CN=Lãnh đạo thử nghiệm',
    });
    const signed = (h.signer.current as TestSigner).signed.at(-1)!;
    expect(signed).toMatchObject({ version: 2, kind: 'correction' });
    // The whole corrected report, not only the changed cells.
    expect(signed.values.map((v) => [v.indicatorCode, v.columnCode, v.value])).toEqual(
      expect.arrayContaining([
        ['TOTAL', 'THIS_PERIOD', 12],
        ['MALE', 'THIS_PERIOD', 6],
        ['FEMALE', 'THIS_PERIOD', 6],
        ['TOTAL', 'PCT', 101.2],
      ]),
    );
    const sent = await h.service.transition(comA.clerk, a, 'dispatch');
    expect(sent.submission).toMatchObject({ state: 'sent', version: 2, sentAt: h.clock.now });
    const accepted = await h.service.transition(dist.leader, a, 'accept');
    expect(accepted.submission).toMatchObject({ state: 'accepted', version: 2, acceptedAt: h.clock.now });
    view = await h.service.get(dist.leader, a);
    expect(view.values.find((v) => v.indicatorCode === 'TOTAL' && v.columnCode === 'THIS_PERIOD')?.value).toBe(12);
    expect(view.versions.map((v) => [v.version, v.kind, v.signer])).toEqual([
      [1, 'original', 'CN=Lãnh đạo thử nghiệm'],
      [2, 'correction', 'CN=Lãnh đạo thử nghiệm'],
    ]);
    expect((await h.service.history(comA.entry, a)).map((x) => `${x.action}:${x.role}`).slice(4)).toEqual([
      'request_correction:clerk',
      'submit:data_entry',
      'approve:leader',
      'dispatch:clerk',
      'accept:leader',
    ]);
  });

  it('stores narrative text normalised and attachments with their SHA-256, within the size limit', async () => {
    const n = await h.service.create(comA.entry, { assignmentId: 'NARR-comA' });
    expect(await errorOf(h.service.transition(comA.entry, n.id, 'submit'))).toBe('422 FORM_CONSTRAINTS_VIOLATED');
    const decomposed = 'Ba\u0301o ca\u0301o'; // NFD input
    const saved = await h.service.saveNarrative(comA.entry, n.id, {
      title: decomposed,
      text: 'Tình hình tháng 1',
      attachments: [{ name: 'phu-luc.txt', mediaType: 'text/plain', contentBase64: Buffer.from('xin chào').toString('base64') }],
    });
    expect(saved.attachments).toEqual([
      expect.objectContaining({ name: 'phu-luc.txt', size: 9, sha256: createHash('sha256').update('xin chào').digest('hex') }),
    ]);
    expect((await h.service.get(comA.entry, n.id)).narrative?.title).toBe('Báo cáo'.normalize('NFC'));
    expect(
      await errorOf(
        h.service.saveNarrative(comA.entry, n.id, {
          title: 't',
          text: 'x',
          attachments: [{ name: 'big.bin', mediaType: 'application/octet-stream', contentBase64: Buffer.alloc(2000).toString('base64') }],
        }),
      ),
    ).toBe('413 ATTACHMENT_TOO_LARGE');
    const file = (mediaType: string) => ({ name: 'f', mediaType, contentBase64: 'eA==' });
    expect(await errorOf(h.service.saveNarrative(comA.entry, n.id, { title: 't', text: 'x', attachments: [file('image/png')] }))).toBe(
      '400 ATTACHMENT_TYPE_REFUSED',
    );
    expect(
      await errorOf(
        h.service.saveNarrative(comA.entry, n.id, {
          title: 't',
          text: 'x',
          attachments: [file('text/plain'), file('text/plain'), file('text/plain')],
        }),
      ),
    ).toBe('400 ATTACHMENT_COUNT_EXCEEDED');
    expect(await errorOf(h.service.saveValues(comA.entry, n.id, grid(1, 1, 0)))).toBe('409 SUBMISSION_TYPE_MISMATCH');
    await h.service.transition(comA.entry, n.id, 'submit');
    await h.service.transition(comA.leader, n.id, 'approve');
    const report = (h.signer.current as TestSigner).signed.at(-1)!;
    expect(report.narrative?.attachments[0]).toMatchObject({
      name: 'phu-luc.txt',
      contentBase64: Buffer.from('xin chào').toString('base64'),
    });
  });

  it('measures timeliness against the deadline, in Vietnam time, at submission when the regime says so', async () => {
    h.catalog.regimes.set('R-MONTH', { code: 'R-MONTH', autoDispatch: false, national: false, timelinessStep: 'submitted' });
    h.clock.now = new Date('2027-01-18T16:30:00Z'); // 23:30 on the 18th in Hà Nội: on time
    const a = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    await h.service.saveValues(comA.entry, a.id, grid(1, 1, 0));
    await h.service.transition(comA.entry, a.id, 'submit');
    h.clock.now = new Date('2027-01-18T17:30:00Z'); // 00:30 on the 19th: late
    const b = await h.service.create(comB.entry, { assignmentId: 'POP-comB' });
    await h.service.saveValues(comB.entry, b.id, grid(1, 1, 0));
    await h.service.transition(comB.entry, b.id, 'submit');
    const report = await h.service.timeliness('2027-M01', 'R-MONTH');
    const status = (unit: string, form: string) => report.rows.find((r) => r.orgUnitId === unit && r.formCode === form)?.status;
    expect(status('comA', 'POP')).toBe('on_time');
    expect(status('comB', 'POP')).toBe('late');
    expect(status('dist', 'POP')).toBe('missing');
    expect(report.units.find((u) => u.orgUnitId === 'comA')).toMatchObject({ status: 'missing', onTime: 1, missing: 1 });
    const scoped = await h.service.timeliness('2027-M01', undefined, dist.leader);
    expect(new Set(scoped.units.map((u) => u.orgUnitId))).toEqual(new Set(['dist', 'comA', 'comB']));
  });
});

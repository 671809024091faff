import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { UnsignedDevSigner } from '../../src/core/submissions/signer.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { comA, comB, dist, errorOf, grid, sendUp } from './support/fixtures.js';
import { harness, TestSigner, type Harness } from './support/setup.js';

describe.each(testDatabases)('submissions workflow service on $name', ({ open }) => {
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

  it("runs a commune report from entry to the district's acceptance, recording every step", async () => {
    const created = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    expect(created).toMatchObject({ state: 'draft', version: 1, type: 'data', periodKey: '2027-M01' });

    const saved = await h.service.saveValues(comA.entry, created.id, grid(10, 4, 5));
    expect(saved.violations).toEqual([expect.objectContaining({ code: 'SUM_MISMATCH' })]);
    expect(saved.submission.enteredAt).toEqual(h.clock.now);
    expect(await errorOf(h.service.transition(comA.entry, created.id, 'submit'))).toBe('422 FORM_CONSTRAINTS_VIOLATED');

    expect((await h.service.saveValues(comA.entry, created.id, grid(10, 4, 6))).violations).toEqual([]);
    h.clock.now = new Date('2027-01-16T03:00:00Z');
    const submitted = await h.service.transition(comA.entry, created.id, 'submit');
    expect(submitted.submission).toMatchObject({ state: 'submitted', firstSubmittedAt: h.clock.now, submittedAt: h.clock.now });

    expect(await errorOf(h.service.transition(comA.entry, created.id, 'approve'))).toBe('403 WORKFLOW_ROLE_FORBIDDEN');
    expect((h.signer.current as TestSigner).signed).toHaveLength(0); // refused before anything is signed
    const approved = await h.service.transition(comA.leader, created.id, 'approve');
    expect(approved.submission).toMatchObject({ state: 'approved', approvedBy: 'leader-comA', signer: 'CN=Lãnh đạo thử nghiệm' });
    const signed = (h.signer.current as TestSigner).signed[0]!;
    expect(signed.values).toContainEqual({ indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 10, unit: 'người' });
    expect(signed).toMatchObject({
      orgUnit: { orgCode: '000.01.01.H41' },
      period: { key: '2027-M01' },
      deadline: '2027-01-18',
      version: 1,
      kind: 'original',
    });

    await h.service.transition(comA.clerk, created.id, 'dispatch');
    expect(await errorOf(h.service.transition(comA.leader, created.id, 'accept'))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    const accepted = await h.service.transition(dist.leader, created.id, 'accept');
    expect(accepted.submission.state).toBe('accepted');

    const history = await h.service.history(comA.entry, created.id);
    expect(history.map((x) => `${x.from}>${x.to}:${x.actor}/${x.role}`)).toEqual([
      'draft>submitted:entry-comA/data_entry',
      'submitted>approved:leader-comA/leader',
      'approved>sent:clerk-comA/clerk',
      'sent>accepted:leader-dist/leader',
    ]);
    const audit = await listAudit(t.db, { subject: created.id });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'submission.create',
      'submission.values_saved',
      'submission.values_saved',
      'submission.submit',
      'submission.approve',
      'submission.dispatch',
      'submission.accept',
    ]);
    expect(h.listeners.size).toBe(0);
  });

  it("keeps commune B out of commune A's report (403 ORG_SCOPE_FORBIDDEN)", async () => {
    const a = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    expect(await errorOf(h.service.get(comB.entry, a.id))).toBe('403 ORG_SCOPE_FORBIDDEN');
    expect(await errorOf(h.service.saveValues(comB.entry, a.id, grid(1, 1, 0)))).toBe('403 ORG_SCOPE_FORBIDDEN');
    expect(await errorOf(h.service.transition(comB.entry, a.id, 'submit'))).toBe('403 ORG_SCOPE_FORBIDDEN');
    expect(await errorOf(h.service.create(comB.entry, { assignmentId: 'POP-comA' }))).toBe('403 ORG_SCOPE_FORBIDDEN');
    // The district reads its communes' reports but does not enter them.
    expect((await h.service.get(dist.leader, a.id)).submission.id).toBe(a.id);
    expect(await errorOf(h.service.saveValues(dist.entry, a.id, grid(1, 1, 0)))).toBe('403 ORG_SCOPE_FORBIDDEN');
  });

  it('refuses a state-secret report at creation and a second submission for one assignment', async () => {
    expect(await errorOf(h.service.create(comA.entry, { assignmentId: 'POP-comA', classification: 'secret' }))).toBe(
      '422 SECRET_REPORT_FORBIDDEN',
    );
    await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    expect(await errorOf(h.service.create(comA.entry, { assignmentId: 'POP-comA' }))).toBe('409 SUBMISSION_EXISTS');
  });

  it('refuses new reports and submissions once reception of the assignment is closed', async () => {
    const a = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    await h.service.saveValues(comA.entry, a.id, grid(10, 4, 6));
    h.catalog.assignments.set('POP-comA', { ...h.catalog.assignments.get('POP-comA')!, status: 'closed' });
    h.catalog.assignments.set('POP-comB', { ...h.catalog.assignments.get('POP-comB')!, status: 'closed' });
    expect(await errorOf(h.service.transition(comA.entry, a.id, 'submit'))).toBe('409 ASSIGNMENT_CLOSED');
    expect(await errorOf(h.service.create(comB.entry, { assignmentId: 'POP-comB' }))).toBe('409 ASSIGNMENT_CLOSED');
  });

  it("consolidates the communes' accepted reports into the district's, and records the sources", async () => {
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    const b = await sendUp(h, 'comB', comB, grid(7, 3, 4));
    await h.service.transition(dist.leader, a, 'accept');
    const d = await h.service.create(dist.entry, { assignmentId: 'POP-dist' });
    expect(await errorOf(h.service.transition(dist.entry, d.id, 'submit'))).toBe('409 CONSOLIDATION_REQUIRED');

    let result = await h.service.consolidate(dist.entry, d.id);
    expect(result.sources.map((s) => s.childSubmissionId)).toEqual([a]);
    expect(result.missingUnits).toEqual([{ id: 'comB', name: 'UBND xã B', state: 'sent' }]);

    await h.service.transition(dist.leader, b, 'accept');
    result = await h.service.consolidate(dist.entry, d.id);
    expect(result.sources.map((s) => [s.childOrgUnitId, s.childVersion])).toEqual([
      ['comA', 1],
      ['comB', 1],
    ]);
    expect(result.values).toEqual(
      expect.arrayContaining([
        { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 17 },
        { indicatorCode: 'MALE', columnCode: 'THIS_PERIOD', value: 7 },
      ]),
    );
    expect(result.values.find((v) => v.columnCode === 'PCT')).toBeUndefined();
    expect((await h.service.transition(dist.entry, d.id, 'submit')).submission.state).toBe('submitted');
    expect((await h.service.get(dist.leader, d.id)).consolidationSources).toHaveLength(2);
  });

  it("lets the consolidating parent return a child's report with a reason, never without", async () => {
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    expect(await errorOf(h.service.transition(dist.entry, a, 'return', { reason: ' ' }))).toBe('400 RETURN_REASON_REQUIRED');
    const out = await h.service.transition(dist.entry, a, 'return', { reason: 'Số liệu nam/nữ chưa khớp' });
    expect(out.submission).toMatchObject({ state: 'returned', signature: null, sentAt: null });
    expect((await h.service.history(comA.entry, a)).at(-1)).toMatchObject({ reason: 'Số liệu nam/nữ chưa khớp', actor: 'entry-dist' });
    // Returned → edited → resubmitted.
    await h.service.saveValues(comA.entry, a, grid(11, 5, 6));
    expect((await h.service.transition(comA.entry, a, 'submit')).submission.state).toBe('submitted');
  });

  it('recalls a sent report before acceptance, and refuses a recall after it', async () => {
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    const recalled = await h.service.transition(comA.clerk, a, 'recall', { reason: 'Gửi nhầm' });
    expect(recalled.submission).toMatchObject({ state: 'draft', signature: null });
    await h.service.transition(comA.entry, a, 'submit');
    await h.service.transition(comA.leader, a, 'approve');
    await h.service.transition(comA.clerk, a, 'dispatch');
    await h.service.transition(dist.leader, a, 'accept');
    expect(await errorOf(h.service.transition(comA.clerk, a, 'recall'))).toBe('409 WORKFLOW_TRANSITION_INVALID');
  });

  it('never dispatches a report approved with the placeholder signer: the clerk returns it', async () => {
    h.signer.current = new UnsignedDevSigner();
    const created = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    await h.service.saveValues(comA.entry, created.id, grid(10, 4, 6));
    await h.service.transition(comA.entry, created.id, 'submit');
    await h.service.transition(comA.leader, created.id, 'approve');
    expect(await errorOf(h.service.transition(comA.leader, created.id, 'dispatch'))).toBe('403 WORKFLOW_ROLE_FORBIDDEN');
    const out = await h.service.transition(comA.clerk, created.id, 'dispatch');
    expect(out.submission.state).toBe('returned');
    expect(out.transitions).toEqual([
      expect.objectContaining({ action: 'reject_signature', to: 'returned', reason: expect.stringContaining('chữ ký') }),
    ]);
  });

  it('returns a report whose content changed after signing', async () => {
    const created = await h.service.create(comA.entry, { assignmentId: 'POP-comA' });
    await h.service.saveValues(comA.entry, created.id, grid(10, 4, 6));
    await h.service.transition(comA.entry, created.id, 'submit');
    await h.service.transition(comA.leader, created.id, 'approve');
    await t.db.query(`UPDATE submissions SET approved_report = jsonb_set(approved_report, '{values,0,value}', '99') WHERE id = $1`, [
      created.id,
    ]);
    expect((await h.service.transition(comA.clerk, created.id, 'dispatch')).submission.state).toBe('returned');
  });
});

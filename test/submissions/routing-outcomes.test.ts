import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovedReport } from '../../src/core/approved-report.js';
import type { ReportStatusNotice } from '../../src/core/submissions/dispatch-listeners.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { comA, comB, dist, errorOf, grid, prov, provinceApproved, sendUp } from './support/fixtures.js';
import { harness, type Harness } from './support/setup.js';

/** The province's report, consolidated from the district's, approved and sent to the national system. */
async function provinceSent(h: Harness): Promise<string> {
  const id = await provinceApproved(h);
  const out = await h.service.transition(prov.clerk, id, 'dispatch');
  expect(out.submission).toMatchObject({ state: 'sent', sentAt: h.clock.now, firstSentAt: h.clock.now });
  return id;
}

describe('routing, national outcomes and report-status notices on PostgreSQL', () => {
  let t: TestDatabase;
  let h: Harness;
  let dispatched: ApprovedReport[];
  let statuses: ReportStatusNotice[];
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE submissions CASCADE');
    h = harness(t.db);
    dispatched = [];
    statuses = [];
    h.listeners.register(async (_tx, r) => {
      dispatched.push(r);
    });
    h.listeners.status.register(async (_tx, n) => {
      statuses.push(n);
    });
  });

  it('routes a commune to its nearest assigned ancestor and only the province report to the national system', async () => {
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    expect(await h.service.get(comA.entry, a)).toMatchObject({ national: false, receiver: { id: 'dist' } });
    expect(dispatched).toHaveLength(0);
    await expect(h.service.recordNationalOutcome(a, { outcome: 'accepted' })).rejects.toMatchObject({ code: 'RECEIVER_NOT_NATIONAL' });
    // Without a district assignment the commune reports straight to the province, which accepts it.
    h.catalog.assignments.delete('POP-dist');
    const b = await sendUp(h, 'comB', comB, grid(7, 3, 4));
    expect(await h.service.get(comB.entry, b)).toMatchObject({ national: false, receiver: { id: 'prov' } });
    expect(await errorOf(h.service.transition(dist.leader, b, 'accept'))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    expect((await h.service.transition(prov.leader, b, 'accept')).submission.state).toBe('accepted');
    // The province consolidates what was routed to it; its report is the national one.
    const p = await h.service.create(prov.entry, { assignmentId: 'POP-prov' });
    expect(await errorOf(h.service.transition(prov.entry, p.id, 'submit'))).toBe('409 CONSOLIDATION_REQUIRED');
    const c = await h.service.consolidate(prov.entry, p.id);
    expect(c.sources.map((s) => s.childOrgUnitId)).toEqual(['comB']);
    expect(c.missingUnits).toEqual([{ id: 'comA', name: 'UBND xã A', state: 'sent' }]);
    expect(await h.service.get(prov.entry, p.id)).toMatchObject({ national: true, receiver: null });
  });

  it('follows a named receiver per unit kind, and every report goes national only when the regime says all', async () => {
    h.catalog.regimes.set('R-MONTH', {
      code: 'R-MONTH',
      autoDispatch: false,
      national: false,
      routing: { receivers: { commune: { orgUnitId: 'prov' } } },
    });
    const a = await sendUp(h, 'comA', comA, grid(10, 4, 6));
    expect(await h.service.get(prov.leader, a)).toMatchObject({ receiver: { id: 'prov' }, actions: ['accept', 'return'] });
    h.catalog.regimes.set('R-MONTH', {
      code: 'R-MONTH',
      autoDispatch: false,
      national: false,
      routing: { forms: { POP: { national: 'all' } } },
    });
    const b = await sendUp(h, 'comB', comB, grid(7, 3, 4));
    expect(dispatched.map((r) => r.orgUnit.id)).toEqual(['comB']);
    expect(await h.service.get(comB.entry, b)).toMatchObject({ national: true, receiver: null });
  });

  it('keeps a regime inside the province: the top report is final once issued, nothing goes national', async () => {
    h.catalog.regimes.set('R-MONTH', { code: 'R-MONTH', autoDispatch: false, national: false, routing: { national: 'none' } });
    h.catalog.assignments.delete('POP-dist');
    const p = { id: await provinceApproved(h) };
    const out = await h.service.transition(prov.clerk, p.id, 'dispatch');
    expect(out.transitions.map((x) => `${x.action}:${x.actor}`)).toEqual(['dispatch:clerk-prov', 'accept:system:final-receiver']);
    expect(out.submission).toMatchObject({ state: 'accepted', acceptedAt: h.clock.now });
    expect(dispatched).toHaveLength(0);
  });

  it('records the national answers as states of their own, each with its reason, audited and shown to the unit', async () => {
    const id = await provinceSent(h);
    await expect(h.service.recordNationalOutcome(id, { outcome: 'refused' })).rejects.toMatchObject({ code: 'REFUSAL_REASON_REQUIRED' });
    await expect(h.service.recordNationalOutcome(id, { outcome: 'returned' })).rejects.toMatchObject({ code: 'RETURN_REASON_REQUIRED' });
    expect(await h.service.recordNationalOutcome(id, { outcome: 'accepted', version: 7 })).toBeNull();

    h.clock.now = new Date('2027-01-17T02:00:00Z');
    const returned = await h.service.recordNationalOutcome(id, {
      outcome: 'returned',
      reason: 'Thiếu chỉ tiêu dân số nữ',
      receiptId: 'BCCP-9',
    });
    expect(returned!.submission).toMatchObject({ state: 'returned', version: 2, signature: null, sentAt: null });
    let view = await h.service.get(prov.entry, id);
    expect(view.statusReason).toMatchObject({ action: 'return', reason: 'Thiếu chỉ tiêu dân số nữ', actor: 'system:national' });
    // Resubmitting after a return runs the checks and the consolidation again.
    expect(await errorOf(h.service.transition(prov.entry, id, 'submit'))).toBe('409 CONSOLIDATION_REQUIRED');
    await h.service.consolidate(prov.entry, id);
    await h.service.saveValues(prov.entry, id, grid(9, 1, 2));
    expect(await errorOf(h.service.transition(prov.entry, id, 'submit'))).toBe('422 FORM_CONSTRAINTS_VIOLATED');
    await h.service.saveValues(prov.entry, id, grid(3, 1, 2));
    await h.service.transition(prov.entry, id, 'submit');
    await h.service.transition(prov.leader, id, 'approve');
    await h.service.transition(prov.clerk, id, 'dispatch');
    expect(dispatched.map((r) => [r.version, r.kind])).toEqual([
      [1, 'original'],
      [2, 'original'],
    ]);

    const refused = await h.service.recordNationalOutcome(id, {
      outcome: 'refused',
      code: 'NATIONAL_SIGNATURE_REJECTED',
      reason: 'Chữ ký số không được chấp nhận',
      version: 2,
    });
    expect(refused!.submission).toMatchObject({ state: 'refused', version: 3, firstSentAt: null });
    view = await h.service.get(prov.entry, id);
    expect(view.statusReason).toMatchObject({
      action: 'refuse',
      reason: 'Chữ ký số không được chấp nhận',
      code: 'NATIONAL_SIGNATURE_REJECTED',
    });
    expect(await h.service.recordNationalOutcome(id, { outcome: 'refused', code: 'X', version: 2 })).toBeNull();
    const audit = await listAudit(t.db, { subject: id });
    expect(
      audit
        .filter((a) => a.actor === 'system:national')
        .map((a) => a.action)
        .reverse(),
    ).toEqual(['submission.return', 'submission.refuse']);
  });

  it('tells the national system of a recall before acceptance (THU_HOI) and of a correction after it (DINH_CHINH + correction packet)', async () => {
    const id = await provinceSent(h);
    expect(await errorOf(h.service.transition(prov.leader, id, 'accept'))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    await h.service.transition(prov.clerk, id, 'recall', { reason: 'Gửi nhầm kỳ' });
    expect(statuses).toEqual([
      expect.objectContaining({ submissionId: id, version: 1, status: 'THU_HOI', reason: 'Gửi nhầm kỳ', by: 'clerk-prov' }),
    ]);

    await h.service.consolidate(prov.entry, id);
    await h.service.transition(prov.entry, id, 'submit');
    await h.service.transition(prov.leader, id, 'approve');
    await h.service.transition(prov.clerk, id, 'dispatch');
    const accepted = await h.service.recordNationalOutcome(id, { outcome: 'accepted', receiptId: 'BCCP-1', version: 2 });
    expect(accepted!.submission).toMatchObject({ state: 'accepted', version: 2, acceptedAt: h.clock.now });
    expect(await errorOf(h.service.transition(prov.clerk, id, 'recall'))).toBe('409 WORKFLOW_TRANSITION_INVALID');

    await h.service.transition(prov.entry, id, 'request_correction', { reason: 'Sửa số nam' });
    expect(statuses).toHaveLength(1); // nothing leaves until the leader signs and the clerk sends
    await h.service.consolidate(prov.entry, id);
    await h.service.saveValues(prov.entry, id, grid(4, 2, 2));
    await h.service.transition(prov.entry, id, 'submit');
    await h.service.transition(prov.leader, id, 'approve');
    await h.service.transition(prov.clerk, id, 'dispatch');
    expect(dispatched.at(-1)).toMatchObject({ version: 3, kind: 'correction', approvedBy: 'leader-prov' });
    expect(dispatched.at(-1)!.values.map((v) => v.value)).toEqual(expect.arrayContaining([4, 2, 2, 101.2]));
    expect(statuses[1]).toMatchObject({
      submissionId: id,
      version: 3,
      status: 'DINH_CHINH',
      reason: 'Sửa số nam',
      replacesVersion: 2,
      by: 'clerk-prov',
    });
    const view = await h.service.get(prov.entry, id);
    expect(view.versions.map((v) => [v.version, v.kind])).toEqual([
      [1, 'original'],
      [2, 'original'],
      [3, 'correction'],
    ]);
  });

  it('a recall given no reason still tells the national system why: a THU_HOI always carries one', async () => {
    const id = await provinceSent(h);
    await h.service.transition(prov.clerk, id, 'recall');
    expect(statuses).toEqual([
      expect.objectContaining({
        submissionId: id,
        version: 1,
        status: 'THU_HOI',
        reason: 'Đơn vị thu hồi báo cáo trước khi được tiếp nhận để rà soát lại',
      }),
    ]);
  });
});

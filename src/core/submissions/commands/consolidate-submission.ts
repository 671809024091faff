import type { Principal } from '../../../http/principal.js';
import { ConflictError, ForbiddenError } from '../../../shared/errors.js';
import { appendAudit } from '../../../store/audit-log.js';
import { sumChildValues } from '../consolidation.js';
import { assertRoles, assertUnitAccess, loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { replaceSources, type ConsolidationSource } from '../repository/consolidation-sources.js';
import { findForUnits, findSubmission, setConsolidated, type StoredSubmission } from '../repository/submissions.js';
import { listValues, upsertValues } from '../repository/values.js';
import type { CellValue } from '../types.js';
import { lockEditable } from './editing.js';
import { assertEntryOpen } from '../entry-lock.js';
import { sendersOf } from '../senders.js';

export interface ConsolidationResult {
  submission: StoredSubmission;
  sources: ConsolidationSource[];
  /** Sub-units whose report is not (yet) accepted, hence not summed. */
  missingUnits: { id: string; name: string; state: string | null }[];
  values: CellValue[];
}

/**
 * Tổng hợp: sums the accepted reports of the units routed to this one into the unit's own
 * draft, cell by cell, recording which child submission and version each sum used. Cells
 * the children did not fill, and percent columns, are left as entered.
 */
export async function consolidateSubmission(deps: SubmissionsDeps, principal: Principal, id: string): Promise<ConsolidationResult> {
  const ctx = await loadContext(deps, id);
  await assertUnitAccess(deps, principal, ctx.unit.id);
  assertRoles(principal, ['data_entry', 'leader', 'admin'], 'consolidate');
  if (principal.orgUnitId !== ctx.unit.id && !principal.roles.includes('admin')) {
    throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', "Only the unit's own staff consolidate its report", { orgUnitId: ctx.unit.id });
  }
  if (ctx.submission.type !== 'data') throw new ConflictError('SUBMISSION_TYPE_MISMATCH', 'Only data reports are consolidated');
  const children = await sendersOf(deps, ctx);
  if (children.length === 0) throw new ConflictError('NO_SUB_UNITS', 'Không có đơn vị nào gửi báo cáo này lên đơn vị để tổng hợp');
  const childSubs = await findForUnits(
    deps.db,
    children.map((c) => c.id),
    ctx.form.code,
    ctx.submission.periodKey,
  );
  const byUnit = new Map(childSubs.map((s) => [s.orgUnitId, s]));
  // Only accepted reports are summed; one being corrected counts again once its new version is accepted.
  const usable = childSubs
    .filter((s) => s.state === 'accepted')
    .sort((a, b) => (a.orgUnitId < b.orgUnitId ? -1 : a.orgUnitId > b.orgUnitId ? 1 : 0));
  assertEntryOpen(deps, ctx);
  const now = deps.now();
  const sources: ConsolidationSource[] = usable.map((s) => ({
    childSubmissionId: s.id,
    childOrgUnitId: s.orgUnitId,
    childVersion: s.version,
    consolidatedAt: now,
  }));
  const childValues = await Promise.all(usable.map((s) => listValues(deps.db, s.id)));
  const sums = sumChildValues(ctx.form, childValues);
  const missingUnits = children
    .filter((c) => !usable.some((s) => s.orgUnitId === c.id))
    .map((c) => ({ id: c.id, name: c.name, state: byUnit.get(c.id)?.state ?? null }));
  await deps.db.transaction(async (tx) => {
    await lockEditable(tx, id);
    await upsertValues(tx, id, sums, principal.id, now);
    await replaceSources(tx, id, sources);
    await setConsolidated(tx, id, now);
    await appendAudit(tx, {
      actor: principal.id,
      action: 'submission.consolidate',
      subject: id,
      orgUnitId: ctx.unit.id,
      details: {
        sources: sources.map((s) => ({ submissionId: s.childSubmissionId, version: s.childVersion })),
        missingUnits: missingUnits.map((m) => m.id),
      },
    });
  });
  return { submission: (await findSubmission(deps.db, id))!, sources, missingUnits, values: await listValues(deps.db, id) };
}

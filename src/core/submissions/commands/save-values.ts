import type { Principal } from '../../../http/principal.js';
import { appendAudit } from '../../../store/audit-log.js';
import { loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import type { FormViolation } from '../ports.js';
import { findSubmission, touchEntered, type StoredSubmission } from '../repository/submissions.js';
import { listValues, upsertValues } from '../repository/values.js';
import type { CellValue } from '../types.js';
import { assertCellsBelongToForm } from './cells.js';
import { assertCanEdit, lockEditable } from './editing.js';

export interface SaveValuesResult {
  submission: StoredSubmission;
  values: CellValue[];
  /** Broken form constraints: saving a draft is allowed, submitting is not. */
  violations: FormViolation[];
}

/** Saves (upserts) cells of a data report and reports the form constraints they break. */
export async function saveValues(deps: SubmissionsDeps, principal: Principal, id: string, values: CellValue[]): Promise<SaveValuesResult> {
  const ctx = await loadContext(deps, id);
  await assertCanEdit(deps, principal, ctx, 'data');
  assertCellsBelongToForm(ctx.form, values);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await lockEditable(tx, id);
    await upsertValues(tx, id, values, principal.id, now);
    await touchEntered(tx, id, now);
    await appendAudit(tx, {
      actor: principal.id,
      action: 'submission.values_saved',
      subject: id,
      orgUnitId: ctx.unit.id,
      details: { cells: values.length },
    });
  });
  const all = await listValues(deps.db, id);
  const violations = await deps.catalog.validateValues(ctx.form, all);
  return { submission: (await findSubmission(deps.db, id))!, values: all, violations };
}

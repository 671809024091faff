import type { Principal } from '../../../http/principal.js';
import { loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import type { FormViolation } from '../ports.js';
import { findSubmission, type StoredSubmission } from '../repository/submissions.js';
import { listValues, upsertValues } from '../repository/values.js';
import type { CellValue } from '../types.js';
import { assertCellsBelongToForm } from './cells.js';
import { assertCanEdit, writeEdit } from './editing.js';

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
  await writeEdit(deps, principal, ctx, {
    action: 'submission.values_saved',
    details: { cells: values.length },
    write: (tx, now) => upsertValues(tx, id, values, principal.id, now),
  });
  const all = await listValues(deps.db, id);
  const violations = await deps.catalog.validateValues(ctx.form, all);
  return { submission: (await findSubmission(deps.db, id))!, values: all, violations };
}

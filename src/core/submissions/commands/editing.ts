import type { Principal } from '../../../http/principal.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { appendAudit } from '../../../store/audit-log.js';
import type { SqlExecutor } from '../../../store/database.js';
import { assertRoles, assertUnitAccess, type SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { findSubmission, touchEntered, type StoredSubmission } from '../repository/submissions.js';
import { EDITABLE_STATES, type SubmissionType } from '../types.js';
import { assertEntryOpen } from '../entry-lock.js';

/** Data entry on a unit's own report only (an administrator for any unit in scope). */
export async function assertCanEdit(
  deps: SubmissionsDeps,
  principal: Principal,
  ctx: SubmissionContext,
  type?: SubmissionType,
): Promise<void> {
  await assertUnitAccess(deps, principal, ctx.unit.id);
  assertRoles(principal, ['data_entry', 'admin'], 'enter report data');
  if (principal.orgUnitId !== ctx.unit.id && !principal.roles.includes('admin')) {
    throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', "Only the unit's own staff enter its report", { orgUnitId: ctx.unit.id });
  }
  if (type && ctx.submission.type !== type) {
    throw new ConflictError('SUBMISSION_TYPE_MISMATCH', `This is a ${ctx.submission.type} report, not a ${type} report`);
  }
}

/** Locks the row and refuses edits outside draft/returned (409 SUBMISSION_NOT_EDITABLE). */
export async function lockEditable(tx: SqlExecutor, id: string): Promise<StoredSubmission> {
  const s = await findSubmission(tx, id, true);
  if (!s) throw new NotFoundError('SUBMISSION_NOT_FOUND', `No submission ${id}`);
  if (!EDITABLE_STATES.includes(s.state)) {
    throw new ConflictError('SUBMISSION_NOT_EDITABLE', `A submission in state ${s.state} cannot be edited`, { state: s.state });
  }
  return s;
}

/** One edit of a report's content, as `writeEdit` runs it. */
export interface ReportEdit {
  /** Audit action, e.g. `submission.values_saved`. */
  action: string;
  details: Record<string, unknown>;
  /** Writes the content inside the transaction, after the row is locked. */
  write: (tx: SqlExecutor, now: Date) => Promise<void>;
}

/**
 * Every edit of a report (cells, list records, narrative) in one transaction: lock the row
 * (editable states only), write, mark the report entered, audit. All or nothing, so an edit
 * racing a submit either lands before it or is refused.
 */
export async function writeEdit(deps: SubmissionsDeps, principal: Principal, ctx: SubmissionContext, edit: ReportEdit): Promise<void> {
  const id = ctx.submission.id;
  assertEntryOpen(deps, ctx);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await lockEditable(tx, id);
    await edit.write(tx, now);
    await touchEntered(tx, id, now);
    await appendAudit(tx, { actor: principal.id, action: edit.action, subject: id, orgUnitId: ctx.unit.id, details: edit.details });
  });
}

import { ConflictError, ValidationError } from '../../../shared/errors.js';
import type { SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { loadNarrativeText } from '../repository/submissions.js';
import { listValues } from '../repository/values.js';
import type { CellValue, WorkflowAction } from '../types.js';
import type { TransitionInput } from '../workflow.js';
import { assertCellsBelongToForm } from './cells.js';

/**
 * Facts the machine's requirements need that take I/O (form constraints, sub-units),
 * established before the transaction opens.
 */
export async function precheck(
  deps: SubmissionsDeps,
  ctx: SubmissionContext,
  action: WorkflowAction,
  body: { values?: CellValue[] },
): Promise<TransitionInput> {
  const s = ctx.submission;
  if (action === 'submit') {
    if (ctx.assignment.status === 'closed') {
      throw new ConflictError('ASSIGNMENT_CLOSED', 'Reception of this report is closed', { assignmentId: ctx.assignment.id });
    }
    if (s.type === 'narrative') {
      const narrative = await loadNarrativeText(deps.db, s.id);
      const violations = narrative?.title.trim() && narrative.text.trim()
        ? []
        : [{ code: 'NARRATIVE_EMPTY', message: 'Báo cáo thuyết minh cần có tiêu đề và nội dung' }];
      return { violations };
    }
    const violations = await deps.catalog.validateValues(ctx.form, await listValues(deps.db, s.id));
    const children = await deps.catalog.childUnits(ctx.unit.id);
    return { violations, consolidationMissing: children.length > 0 && !s.consolidatedAt };
  }
  if (action === 'request_correction') {
    const values = body.values ?? [];
    if (values.length > 0) {
      if (s.type !== 'data') throw new ValidationError('CORRECTION_VALUES_UNSUPPORTED', 'Narrative reports are corrected by a new report');
      assertCellsBelongToForm(ctx.form, values);
      const violations = await deps.catalog.validateValues(ctx.form, values);
      if (violations.length > 0) {
        throw new ValidationError('FORM_CONSTRAINTS_VIOLATED', 'The corrected values violate the form\'s constraints', { violations }, 422);
      }
    }
    return { correctionValueCount: values.length };
  }
  return {};
}

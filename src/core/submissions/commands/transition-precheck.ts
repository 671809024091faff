import { ConflictError } from '../../../shared/errors.js';
import type { SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { validateListRecords } from '../../forms/list-rules.js';
import { listRecords } from '../repository/list-records.js';
import { loadNarrativeText } from '../repository/submissions.js';
import { listValues } from '../repository/values.js';
import { sendersOf } from '../senders.js';
import type { WorkflowAction } from '../types.js';
import type { TransitionInput } from '../workflow.js';

/**
 * Facts the machine's requirements need that take I/O (form constraints, sub-units),
 * established before the transaction opens.
 */
export async function precheck(deps: SubmissionsDeps, ctx: SubmissionContext, action: WorkflowAction): Promise<TransitionInput> {
  const s = ctx.submission;
  if (action === 'submit') {
    if (ctx.assignment.status === 'closed') {
      throw new ConflictError('ASSIGNMENT_CLOSED', 'Reception of this report is closed', { assignmentId: ctx.assignment.id });
    }
    if (s.type === 'narrative') {
      const narrative = await loadNarrativeText(deps.db, s.id);
      const violations =
        narrative?.title.trim() && narrative.text.trim()
          ? []
          : [{ code: 'NARRATIVE_EMPTY', message: 'Báo cáo thuyết minh cần có tiêu đề và nội dung' }];
      return { violations };
    }
    if (s.type === 'list') {
      const records = await listRecords(deps.db, s.id);
      const violations = ctx.form.list ? validateListRecords(ctx.form.list, records) : [];
      if (records.length === 0) violations.push({ code: 'RECORD_REQUIRED', message: 'Báo cáo dạng danh sách cần ít nhất một dòng' });
      return { violations };
    }
    const violations = await deps.catalog.validateValues(ctx.form, await listValues(deps.db, s.id));
    // Resubmitting after a return runs the consolidation again (advance() cleared consolidatedAt).
    const senders = await sendersOf(deps, ctx);
    return { violations, consolidationMissing: senders.length > 0 && !s.consolidatedAt };
  }
  return {};
}

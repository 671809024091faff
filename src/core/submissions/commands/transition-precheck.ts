import { ConflictError } from '../../../shared/errors.js';
import type { SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { validateListRecords } from '../../forms/list-rules.js';
import { listRecords } from '../repository/list-records.js';
import { loadNarrativeText } from '../repository/submissions.js';
import { listValues } from '../repository/values.js';
import { sendersOf } from '../senders.js';
import type { CellValue, WorkflowAction } from '../types.js';
import type { FormViolation } from '../ports.js';
import { plausibilityOf } from '../queries/plausibility.js';
import { listCellComments } from '../repository/cell-trail.js';
import type { TransitionInput } from '../workflow.js';
import { assertEntryOpen } from '../entry-lock.js';

/**
 * OUTLIER_COMMENT_REQUIRED: each cell flagged against the unit's history needs a comment (the
 * reason the figure is what it is) before the report goes to the leader.
 */
async function uncommentedOutliers(deps: SubmissionsDeps, ctx: SubmissionContext, values: CellValue[]): Promise<FormViolation[]> {
  const outliers = (await plausibilityOf(deps, ctx, values)).filter((w) => w.code === 'PLAUSIBILITY_OUTLIER');
  if (outliers.length === 0) return [];
  const commented = new Set((await listCellComments(deps.db, ctx.submission.id)).map((c) => `${c.indicatorCode}|${c.columnCode}`));
  return outliers
    .filter((w) => !commented.has(`${w.row}|${w.column}`))
    .map((w) => ({
      code: 'OUTLIER_COMMENT_REQUIRED',
      message: `Dòng «${w.rowLabel}», cột «${w.columnLabel}»: số liệu bất thường so với lịch sử của đơn vị, cần ghi ý kiến giải thích vào ô trước khi trình`,
      row: w.row,
      column: w.column,
    }));
}

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
    assertEntryOpen(deps, ctx);
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
    const values = await listValues(deps.db, s.id);
    const violations = await deps.catalog.validateValues(ctx.form, values);
    if (deps.outlierCommentRequired) violations.push(...(await uncommentedOutliers(deps, ctx, values)));
    // Resubmitting after a return runs the consolidation again (advance() cleared consolidatedAt).
    const senders = await sendersOf(deps, ctx);
    return { violations, consolidationMissing: senders.length > 0 && !s.consolidatedAt };
  }
  return {};
}

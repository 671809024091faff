import type { Principal } from '../../../http/principal.js';
import { ValidationError } from '../../../shared/errors.js';
import { appendAudit } from '../../../store/audit-log.js';
import { actorFor, loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { namesOf } from '../queries/account-names.js';
import { insertCellComment, listCellChanges, listCellComments, type CellChange, type CellComment } from '../repository/cell-trail.js';
import { disaggregationKey } from '../types.js';
import { assertCellsBelongToForm } from './cells.js';

export interface CellTrail {
  /** changedByName: the account's display name (null: not an account, e.g. a database edit). */
  changes: (CellChange & { changedByName: string | null })[];
  comments: CellComment[];
}

export interface CellCommentInput {
  indicatorCode: string;
  columnCode: string;
  disaggregation?: Record<string, string>;
  body: string;
}

/** Every change of every cell (old → new) and every cell comment of a report, for whoever may read it. */
export async function cellTrail(deps: SubmissionsDeps, principal: Principal, id: string): Promise<CellTrail> {
  const ctx = await loadContext(deps, id);
  await actorFor(deps, principal, ctx);
  const changes = await listCellChanges(deps.db, id);
  const names = await namesOf(
    deps,
    changes.map((c) => c.changedBy),
  );
  return {
    changes: changes.map((c) => ({ ...c, changedByName: names.get(c.changedBy) ?? null })),
    comments: await listCellComments(deps.db, id),
  };
}

/**
 * A comment on one cell by anyone who may read the report (its unit's staff, the receiver, an
 * administrator in scope), in any state: a question on a figure after approval is still asked
 * where the figure is. Audited.
 */
export async function commentCell(deps: SubmissionsDeps, principal: Principal, id: string, input: CellCommentInput): Promise<CellComment> {
  const ctx = await loadContext(deps, id);
  await actorFor(deps, principal, ctx);
  if (ctx.submission.type !== 'data') {
    throw new ValidationError('CELL_COMMENT_NOT_DATA', 'Chỉ báo cáo số liệu có ý kiến theo từng ô', { type: ctx.submission.type });
  }
  assertCellsBelongToForm(ctx.form, [{ indicatorCode: input.indicatorCode, columnCode: input.columnCode, value: null }]);
  const body = input.body.trim();
  if (!body) throw new ValidationError('CELL_COMMENT_EMPTY', 'Nội dung ý kiến không được để trống');
  return deps.db.transaction(async (tx) => {
    const comment = await insertCellComment(tx, id, {
      indicatorCode: input.indicatorCode,
      columnCode: input.columnCode,
      disaggregationKey: disaggregationKey(input.disaggregation),
      author: principal.id,
      authorName: principal.displayName,
      orgUnitId: principal.orgUnitId,
      body,
      createdAt: deps.now(),
    });
    await appendAudit(tx, {
      actor: principal.id,
      action: 'submission.cell_commented',
      subject: id,
      orgUnitId: ctx.unit.id,
      details: { indicatorCode: comment.indicatorCode, columnCode: comment.columnCode, disaggregationKey: comment.disaggregationKey },
    });
    return comment;
  });
}

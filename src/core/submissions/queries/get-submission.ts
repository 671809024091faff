import type { Principal } from '../../../http/principal.js';
import { NotFoundError } from '../../../shared/errors.js';
import { actorFor, loadContext } from '../context.js';
import { namesOf } from './account-names.js';
import type { SubmissionsDeps } from '../deps.js';
import { findAttachment, listAttachments, type NewAttachment } from '../repository/attachments.js';
import { listSources, type ConsolidationSource } from '../repository/consolidation-sources.js';
import { loadNarrativeText, type StoredSubmission } from '../repository/submissions.js';
import { listTransitions, type StoredTransition } from '../repository/transitions.js';
import { listRecords } from '../repository/list-records.js';
import { listValues } from '../repository/values.js';
import type { ListRecord } from '../../forms/types.js';
import { listVersions, pendingCorrection, type PendingCorrection } from '../repository/versions.js';
import type { AttachmentMeta, CellValue, WorkflowAction } from '../types.js';
import { availableActions } from '../workflow.js';
import type { PlausibilityWarning } from '../../forms/plausibility.js';
import { plausibilityOf } from './plausibility.js';
import { signedContentCheck, type SignedContentCheck } from '../signed-content.js';
import { entryLockOf, type ReportEntryLock } from '../entry-lock.js';

export interface SubmissionView {
  submission: StoredSubmission;
  values: CellValue[];
  /** List-type reports: the records (columns in the form, GET /forms/:code → list.columns); [] otherwise. */
  records: ListRecord[];
  narrative: { title: string; text: string; attachments: AttachmentMeta[] } | null;
  consolidationSources: ConsolidationSource[];
  versions: { version: number; kind: string; createdAt: Date; signer: string | null }[];
  pendingCorrection: PendingCorrection | null;
  /** The workflow actions the caller may attempt now. */
  actions: WorkflowAction[];
  deadline: string | null;
  /**
   * The deadline lock of a first submission (null when the deadline does not bind it): locked
   * reports offer no edit and no submit until an extension is granted.
   */
  entryLock: ReportEntryLock | null;
  /** The report leaves the province when dispatched (routing). */
  national: boolean;
  /** The unit the report goes to in the province (routing); null when national or at the top. */
  receiver: { id: string; orgCode: string; name: string } | null;
  /**
   * Why the report is where it is, for the unit to read: the reason of the step that brought it
   * to its current state (returned by the leader or the receiver, refused by the national
   * system with its code, recalled, reopened for correction); null when that step had none.
   */
  statusReason: { action: WorkflowAction; reason: string; actor: string; actorName: string | null; at: Date; code: string | null } | null;
  /**
   * Plausibility warnings (min-max, change against the previous period beyond the form's
   * ratio), each naming the row in Vietnamese: the leader reads them before signing.
   */
  warnings: PlausibilityWarning[];
  /** Signed reports: is the data still what the leader signed (every change listed); null when not signed. */
  signedContent: SignedContentCheck | null;
}

/** A step of the history with its actor's display name (null: not an account, e.g. system:auto-dispatch). */
export type NamedTransition = StoredTransition & { actorName: string | null };

async function statusReasonOf(
  deps: SubmissionsDeps,
  s: StoredSubmission,
  transitions: StoredTransition[],
): Promise<SubmissionView['statusReason']> {
  const last = transitions.at(-1);
  if (!last || last.to !== s.state || !last.reason) return null;
  const receipt = last.details.receipt as { code?: string | null } | undefined;
  const names = await namesOf(deps, [last.actor]);
  return {
    action: last.action,
    reason: last.reason,
    actor: last.actor,
    actorName: names.get(last.actor) ?? null,
    at: last.at,
    code: receipt?.code ?? null,
  };
}

export async function getSubmission(deps: SubmissionsDeps, principal: Principal, id: string): Promise<SubmissionView> {
  const ctx = await loadContext(deps, id);
  const actor = await actorFor(deps, principal, ctx);
  const s = ctx.submission;
  const narrative = s.type === 'narrative' ? await loadNarrativeText(deps.db, id) : null;
  const transitions = await listTransitions(deps.db, id);
  const values = s.type === 'data' ? await listValues(deps.db, id) : [];
  const lock = entryLockOf(deps, ctx);
  return {
    submission: s,
    values,
    records: s.type === 'list' ? await listRecords(deps.db, id) : [],
    narrative:
      s.type === 'narrative'
        ? { title: narrative?.title ?? '', text: narrative?.text ?? '', attachments: await listAttachments(deps.db, id) }
        : null,
    consolidationSources: await listSources(deps.db, id),
    versions: await listVersions(deps.db, id),
    pendingCorrection: await pendingCorrection(deps.db, id),
    actions: lock?.locked ? availableActions(s, actor).filter((a) => a !== 'submit') : availableActions(s, actor),
    deadline: ctx.assignment.deadline ?? null,
    entryLock: lock,
    national: ctx.national,
    receiver: ctx.receiver ? { id: ctx.receiver.id, orgCode: ctx.receiver.orgCode, name: ctx.receiver.name } : null,
    statusReason: await statusReasonOf(deps, s, transitions),
    warnings: await plausibilityOf(deps, ctx, values),
    signedContent: await signedContentCheck(deps.db, ctx),
  };
}

/** Every transition, oldest first (who, role, when, from, to, reason). */
export async function submissionHistory(deps: SubmissionsDeps, principal: Principal, id: string): Promise<NamedTransition[]> {
  const ctx = await loadContext(deps, id);
  await actorFor(deps, principal, ctx);
  const transitions = await listTransitions(deps.db, id);
  const names = await namesOf(
    deps,
    transitions.map((t) => t.actor),
  );
  return transitions.map((t) => ({ ...t, actorName: names.get(t.actor) ?? null }));
}

/** One attachment's bytes, for whoever may read the submission. */
export async function getAttachment(deps: SubmissionsDeps, principal: Principal, id: string, attachmentId: string): Promise<NewAttachment> {
  const ctx = await loadContext(deps, id);
  await actorFor(deps, principal, ctx);
  const found = await findAttachment(deps.db, id, attachmentId);
  if (!found) throw new NotFoundError('ATTACHMENT_NOT_FOUND', `No attachment ${attachmentId} on submission ${id}`);
  return found;
}

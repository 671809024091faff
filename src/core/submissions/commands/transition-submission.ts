import type { ApprovedReport } from '../../approved-report.js';
import type { Principal } from '../../../http/principal.js';
import { NotFoundError } from '../../../shared/errors.js';
import { logger } from '../../../shared/logger.js';
import type { SqlExecutor } from '../../../store/database.js';
import { appendAudit } from '../../../store/audit-log.js';
import { actorFor, loadContext, systemActor, type SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { approvalsFor } from '../approval-chain.js';
import type { ReportStatusNotice } from '../dispatch-listeners.js';
import { buildApprovedReport } from '../report-builder.js';
import {
  findSubmission,
  loadApprovedReport,
  saveApprovedReport,
  updateWorkflowFields,
  type StoredSubmission,
} from '../repository/submissions.js';
import { insertTransition, lastTransitionOf } from '../repository/transitions.js';
import { saveVersion } from '../repository/versions.js';
import { clerkSignatureCheck } from '../signer.js';
import { changedAfterSigning, signedContentCheck } from '../signed-content.js';
import type { Actor, TransitionRecord, WorkflowAction } from '../types.js';
import { applyTransition, authorizeTransition, type TransitionInput } from '../workflow.js';
import { precheck } from './transition-precheck.js';

/** What a THU_HOI status says when the person recalling gave no reason. */
const RECALL_REASON = 'Đơn vị thu hồi báo cáo trước khi được tiếp nhận để rà soát lại';

export interface TransitionBody {
  reason?: string;
  /** approve: what the leader adds to sign with a token (PIN) or remotely (PIN + OTP); never stored. */
  signing?: { pin?: string; otp?: string };
}

export interface TransitionOutcome {
  submission: StoredSubmission;
  /** Every step taken: approve may be followed by dispatch (autoDispatch), dispatch by a return. */
  transitions: TransitionRecord[];
}

export type Caller = { principal: Principal } | { system: Actor };

interface Step {
  tx: SqlExecutor;
  deps: SubmissionsDeps;
  ctx: SubmissionContext;
  actor: Actor;
  now: Date;
  details: Record<string, unknown>;
  out: TransitionRecord[];
}

/**
 * Runs one workflow action as a single transaction: the row is locked, the pure machine
 * decides, the transition and the audit entry are written, and the action's effects
 * (signing, freezing, dispatch listeners, corrections) commit or roll back with it.
 */
export async function transitionSubmission(
  deps: SubmissionsDeps,
  caller: Caller,
  id: string,
  action: WorkflowAction,
  body: TransitionBody = {},
  details: Record<string, unknown> = {},
): Promise<TransitionOutcome> {
  const ctx = await loadContext(deps, id);
  const actor = 'principal' in caller ? await actorFor(deps, caller.principal, ctx) : caller.system;
  const input = await precheck(deps, ctx, action);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const current = await findSubmission(tx, id, true);
    if (!current) throw new NotFoundError('SUBMISSION_NOT_FOUND', `No submission ${id}`);
    const out: TransitionRecord[] = [];
    const base: Omit<Step, 'ctx' | 'actor'> = { tx, deps, now, details, out };
    let s = await step({ ...base, ctx: { ...ctx, submission: current }, actor }, action, body, input);
    if (action === 'approve' && ctx.regime.autoDispatch && s.state === 'approved') {
      s = await step(
        { ...base, ctx: { ...ctx, submission: s }, actor: systemActor('system:auto-dispatch', 'sender'), details: { auto: true } },
        'dispatch',
        {},
        {},
      );
    }
    // The top report of a regime that stays in the province has no one to send it to: issued is final.
    if (s.state === 'sent' && !ctx.receiver && !ctx.national) {
      s = await step(
        { ...base, ctx: { ...ctx, submission: s }, actor: systemActor('system:final-receiver', 'receiver'), details: { auto: true } },
        'accept',
        {},
        {},
      );
    }
    return { submission: s, transitions: out };
  });
}

async function step(st: Step, action: WorkflowAction, body: TransitionBody, pre: TransitionInput): Promise<StoredSubmission> {
  const s = st.ctx.submission;
  // Refuse the wrong state, side or role before signing or checking anything.
  authorizeTransition(s, action, st.actor);
  const input: TransitionInput = { ...pre, reason: body.reason };
  let report: ApprovedReport | null = null;
  if (action === 'approve') {
    report = await buildApprovedReport(st.tx, st.ctx, { approvedBy: st.actor.id, approvedAt: st.now, version: s.version, kind: s.kind });
    const signed = await st.deps.signer().sign(report, { signerId: st.actor.id, orgUnitId: s.orgUnitId, authorization: body.signing });
    input.signature = { value: signed.signature, signer: signed.signer };
  }
  if (action === 'dispatch') {
    report = await loadApprovedReport(st.tx, s.id);
    // The signature covers the frozen copy; data changed since then voids it too (#15).
    const problem =
      (await clerkSignatureCheck(st.deps.signer(), report, s.signature, s.signer)) ??
      changedAfterSigning(await signedContentCheck(st.tx, st.ctx));
    if (problem)
      return step({ ...st, details: { ...st.details, requestedAction: 'dispatch' } }, 'reject_signature', { reason: problem }, {});
    input.signatureVerified = true;
  }
  const { next, transition } = applyTransition(s, action, st.actor, input, st.now);
  await updateWorkflowFields(st.tx, next);
  await insertTransition(st.tx, transition, st.details);
  await appendAudit(st.tx, {
    actor: st.actor.id,
    action: `submission.${action}`,
    subject: s.id,
    orgUnitId: s.orgUnitId,
    details: {
      from: transition.from,
      to: transition.to,
      role: transition.role,
      reason: transition.reason,
      version: transition.version,
      ...st.details,
    },
  });
  st.out.push(transition);
  const stored: StoredSubmission = { ...s, ...next };
  await effects({ ...st, ctx: { ...st.ctx, submission: stored } }, action, report);
  return stored;
}

async function effects(st: Step, action: WorkflowAction, report: ApprovedReport | null): Promise<void> {
  const s = st.ctx.submission;
  const t = st.out.at(-1)!;
  switch (action) {
    case 'approve':
      await saveApprovedReport(st.tx, s.id, report);
      return;
    case 'dispatch':
      await saveVersion(st.tx, report!, s.signature, s.signer, st.now);
      if (!st.ctx.national) return;
      await st.deps.listeners.notify(st.tx, { ...report!, approvals: await approvalsFor(st.tx, report!, s.signature) });
      // A correction of an accepted report: the correction packet above, and its report status.
      if (report!.kind === 'correction') {
        const asked = await lastTransitionOf(st.tx, s.id, ['request_correction']);
        await reportStatus(
          st,
          { status: 'DINH_CHINH', version: report!.version, replacesVersion: asked?.version ? asked.version - 1 : report!.version - 1 },
          asked?.reason ?? null,
        );
      }
      return;
    case 'recall': {
      await saveApprovedReport(st.tx, s.id, null);
      if (!st.ctx.national) return;
      const recalledVersion = s.version - 1;
      // The national contract wants a reason with every THU_HOI; a recall given none still says why.
      const reason = t.reason?.trim() || RECALL_REASON;
      await st.deps.listeners.recalled.notify(st.tx, {
        submissionId: s.id,
        version: recalledVersion,
        orgUnitId: s.orgUnitId,
        reason,
        recalledBy: st.actor.id,
        recalledAt: st.now.toISOString(),
      });
      await reportStatus(st, { status: 'THU_HOI', version: recalledVersion }, reason);
      return;
    }
    case 'return':
    case 'reject_signature':
    case 'refuse':
    case 'request_correction':
      await saveApprovedReport(st.tx, s.id, null);
      return;
    default:
      return;
  }
}

/** Asks the exchange area (through the status listeners) for a report-status packet. */
async function reportStatus(
  st: Step,
  n: Pick<ReportStatusNotice, 'status' | 'version' | 'replacesVersion'>,
  reason: string | null,
): Promise<void> {
  const s = st.ctx.submission;
  const notice: ReportStatusNotice = {
    submissionId: s.id,
    orgUnitId: s.orgUnitId,
    formCode: s.formCode,
    periodKey: s.periodKey,
    reason,
    by: st.actor.id,
    at: st.now.toISOString(),
    ...n,
  };
  if (st.deps.listeners.status.size === 0) {
    logger.warn('report-status packet not sent: no report-status listener registered (exchange)', {
      submissionId: s.id,
      status: n.status,
      version: n.version,
    });
  }
  await st.deps.listeners.status.notify(st.tx, notice);
}

import type { ApprovedReport } from '../../approved-report.js';
import type { Principal } from '../../../http/principal.js';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';
import type { SqlExecutor } from '../../../store/database.js';
import { appendAudit } from '../../../store/audit-log.js';
import { actorFor, loadContext, systemActor, type SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { approvalsFor } from '../approval-chain.js';
import { buildApprovedReport } from '../report-builder.js';
import { findSubmission, loadApprovedReport, saveApprovedReport, updateWorkflowFields, type StoredSubmission } from '../repository/submissions.js';
import { insertTransition } from '../repository/transitions.js';
import { decideCorrection, insertCorrection, pendingCorrection, saveVersion } from '../repository/versions.js';
import { replaceValues } from '../repository/values.js';
import { clerkSignatureCheck, UNSIGNED_DEV_SIGNER } from '../signer.js';
import type { Actor, CellValue, TransitionRecord, WorkflowAction } from '../types.js';
import { applyTransition, authorizeTransition, type TransitionInput } from '../workflow.js';
import { precheck } from './transition-precheck.js';

export interface TransitionBody {
  reason?: string;
  /** request_correction: the corrected cells (the whole grid). */
  values?: CellValue[];
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
  const input = await precheck(deps, ctx, action, body);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const current = await findSubmission(tx, id, true);
    if (!current) throw new NotFoundError('SUBMISSION_NOT_FOUND', `No submission ${id}`);
    const out: TransitionRecord[] = [];
    const base: Omit<Step, 'ctx' | 'actor'> = { tx, deps, now, details, out };
    let s = await step({ ...base, ctx: { ...ctx, submission: current }, actor }, action, body, input);
    if (action === 'approve' && ctx.regime.autoDispatch && s.state === 'approved') {
      s = await step({ ...base, ctx: { ...ctx, submission: s }, actor: systemActor('system:auto-dispatch', 'sender'), details: { auto: true } }, 'dispatch', {}, {});
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
    const problem = await clerkSignatureCheck(st.deps.signer(), report, s.signature, s.signer);
    if (problem) return step({ ...st, details: { ...st.details, requestedAction: 'dispatch' } }, 'reject_signature', { reason: problem }, {});
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
    details: { from: transition.from, to: transition.to, role: transition.role, reason: transition.reason, version: transition.version, ...st.details },
  });
  st.out.push(transition);
  const stored: StoredSubmission = { ...s, ...next };
  await effects({ ...st, ctx: { ...st.ctx, submission: stored } }, action, report, body);
  return stored;
}

async function effects(st: Step, action: WorkflowAction, report: ApprovedReport | null, body: TransitionBody): Promise<void> {
  const s = st.ctx.submission;
  switch (action) {
    case 'approve':
      await saveApprovedReport(st.tx, s.id, report);
      return;
    case 'dispatch':
      await saveVersion(st.tx, report!, s.signature, s.signer, st.now);
      if (st.ctx.national) await st.deps.listeners.notify(st.tx, { ...report!, approvals: await approvalsFor(st.tx, report!, s.signature) });
      return;
    case 'recall':
      await saveApprovedReport(st.tx, s.id, null);
      if (st.ctx.national) {
        const t = st.out.at(-1)!;
        await st.deps.listeners.recalled.notify(st.tx, {
          submissionId: s.id, version: s.version, orgUnitId: s.orgUnitId, reason: t.reason, recalledBy: st.actor.id, recalledAt: st.now.toISOString(),
        });
      }
      return;
    case 'return':
    case 'reject_signature':
      await saveApprovedReport(st.tx, s.id, null);
      return;
    case 'request_correction':
      return requestCorrectionEffects(st, body);
    case 'approve_correction':
      return approveCorrectionEffects(st);
    case 'refuse_correction': {
      const pending = await pendingCorrection(st.tx, s.id);
      if (pending) await decideCorrection(st.tx, pending.id, 'refused', st.actor.id, st.now, body.reason?.trim() ?? null);
      return;
    }
    default:
      return;
  }
}

/**
 * The corrected values wait for the receiver. A report that left the province goes out again
 * at once as a signed correction (version + 1); the national receipt approves it.
 */
async function requestCorrectionEffects(st: Step, body: TransitionBody): Promise<void> {
  const s = st.ctx.submission;
  const values = body.values ?? [];
  await insertCorrection(st.tx, s.id, { baseVersion: s.version, reason: body.reason!.trim(), values, requestedBy: st.actor.id, requestedAt: st.now });
  if (!st.ctx.national) return;
  const report = await buildApprovedReport(st.tx, st.ctx, { approvedBy: st.actor.id, approvedAt: st.now, version: s.version + 1, kind: 'correction', values });
  const signed = await st.deps.signer().sign(report);
  if (signed.signer === UNSIGNED_DEV_SIGNER) {
    throw new ConflictError('SIGNATURE_INVALID', 'No signer is configured: a correction cannot be sent unsigned');
  }
  await st.deps.listeners.notify(st.tx, report);
}

async function approveCorrectionEffects(st: Step): Promise<void> {
  const s = st.ctx.submission;
  const pending = await pendingCorrection(st.tx, s.id);
  if (!pending) throw new ConflictError('CORRECTION_NOT_FOUND', 'No pending correction for this submission');
  await replaceValues(st.tx, s.id, pending.values, pending.requestedBy, st.now);
  await decideCorrection(st.tx, pending.id, 'approved', st.actor.id, st.now, null);
  const report = await buildApprovedReport(st.tx, st.ctx, { approvedBy: st.actor.id, approvedAt: st.now, version: s.version, kind: 'correction' });
  await saveVersion(st.tx, report, null, null, st.now);
}

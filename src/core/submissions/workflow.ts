import { ConflictError, ForbiddenError, ValidationError } from '../../shared/errors.js';
import type { Actor, ActorRole, Party, Submission, SubmissionState, TransitionRecord, WorkflowAction } from './types.js';

/** What a transition needs besides the right state, role and party. */
export type Requirement = 'reason' | 'signature' | 'verified_signature' | 'consolidated' | 'valid_values';

export interface TransitionRule {
  from: SubmissionState;
  action: WorkflowAction;
  to: SubmissionState;
  roles: readonly ActorRole[];
  party: Party;
  requires: readonly Requirement[];
}

const SENDER_EDITORS: readonly ActorRole[] = ['data_entry', 'admin'];
const LEADERS: readonly ActorRole[] = ['leader', 'admin'];
const CLERKS: readonly ActorRole[] = ['clerk', 'admin', 'system'];
const RECEIVERS: readonly ActorRole[] = ['leader', 'admin', 'system'];

/**
 * The workflow, as data. One row per legal (state, action); anything else is refused.
 * `party` says whose staff may act: the sending unit's, or the receiver's (the unit the
 * regime's routing names; the national system, acting as `system`, for a national report).
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'draft', action: 'submit', to: 'submitted', roles: SENDER_EDITORS, party: 'sender', requires: ['valid_values', 'consolidated'] },
  {
    from: 'returned',
    action: 'submit',
    to: 'submitted',
    roles: SENDER_EDITORS,
    party: 'sender',
    requires: ['valid_values', 'consolidated'],
  },
  {
    from: 'refused',
    action: 'submit',
    to: 'submitted',
    roles: SENDER_EDITORS,
    party: 'sender',
    requires: ['valid_values', 'consolidated'],
  },
  { from: 'submitted', action: 'approve', to: 'approved', roles: LEADERS, party: 'sender', requires: ['signature'] },
  { from: 'submitted', action: 'return', to: 'returned', roles: LEADERS, party: 'sender', requires: ['reason'] },
  { from: 'approved', action: 'return', to: 'returned', roles: LEADERS, party: 'sender', requires: ['reason'] },
  // The clerk found the signature missing or invalid: back to the unit, never dispatched.
  { from: 'approved', action: 'reject_signature', to: 'returned', roles: CLERKS, party: 'sender', requires: ['reason'] },
  { from: 'approved', action: 'dispatch', to: 'sent', roles: CLERKS, party: 'sender', requires: ['verified_signature'] },
  { from: 'sent', action: 'accept', to: 'accepted', roles: RECEIVERS, party: 'receiver', requires: [] },
  // The receiver sends the report back to be entered again (tổng hợp: từ chối, yêu cầu nhập lại; trả lại).
  {
    from: 'sent',
    action: 'return',
    to: 'returned',
    roles: ['leader', 'data_entry', 'admin', 'system'],
    party: 'receiver',
    requires: ['reason'],
  },
  // The national system refused the report or its packet (e.g. the signature): only the gateway records it.
  { from: 'sent', action: 'refuse', to: 'refused', roles: ['system'], party: 'receiver', requires: ['reason'] },
  // Thu hồi: only while the receiver has not accepted; back to editing, re-approval needed.
  { from: 'sent', action: 'recall', to: 'draft', roles: ['data_entry', 'leader', 'clerk', 'admin'], party: 'sender', requires: [] },
  // Đính chính after acceptance: the next version goes through entry, approval, signature and sending again.
  {
    from: 'accepted',
    action: 'request_correction',
    to: 'draft',
    roles: ['data_entry', 'leader', 'clerk', 'admin'],
    party: 'sender',
    requires: ['reason'],
  },
];

/** Facts the service establishes before asking the machine (the machine itself does no I/O). */
export interface TransitionInput {
  reason?: string;
  signature?: { value: string; signer: string };
  /** The clerk's check of the approval signature. */
  signatureVerified?: boolean;
  /** The unit has sub-units and no consolidation was run since the last edit. */
  consolidationMissing?: boolean;
  /** Form constraint violations (required cells included) of the current values. */
  violations?: readonly unknown[];
}

export interface TransitionResult {
  next: Submission;
  transition: TransitionRecord;
}

export function rulesFrom(state: SubmissionState): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === state);
}

/** Actions the actor may attempt now (for the UI; requirements are checked on apply). */
export function availableActions(submission: Submission, actor: Actor): WorkflowAction[] {
  return rulesFrom(submission.state)
    .filter((t) => actor.parties.includes(t.party) && t.roles.some((r) => actor.roles.includes(r)))
    .map((t) => t.action);
}

function reasonCode(action: WorkflowAction): string {
  if (action === 'return' || action === 'reject_signature') return 'RETURN_REASON_REQUIRED';
  if (action === 'request_correction') return 'CORRECTION_REASON_REQUIRED';
  if (action === 'refuse') return 'REFUSAL_REASON_REQUIRED';
  return 'REASON_REQUIRED';
}

function checkRequirement(req: Requirement, action: WorkflowAction, input: TransitionInput): void {
  switch (req) {
    case 'reason':
      if (!input.reason?.trim()) throw new ValidationError(reasonCode(action), `A reason is required to ${action.replace('_', ' ')}`);
      return;
    case 'signature':
      if (!input.signature?.value || !input.signature.signer) {
        throw new ConflictError('SIGNATURE_REQUIRED', "Approval requires the leader's signature record");
      }
      return;
    case 'verified_signature':
      if (input.signatureVerified !== true) {
        throw new ConflictError('SIGNATURE_INVALID', 'The approval signature is missing or invalid; the report cannot be dispatched');
      }
      return;
    case 'consolidated':
      if (input.consolidationMissing) {
        throw new ConflictError('CONSOLIDATION_REQUIRED', 'This unit has sub-units: consolidate their reports before submitting');
      }
      return;
    case 'valid_values':
      if (input.violations && input.violations.length > 0) {
        throw new ValidationError(
          'FORM_CONSTRAINTS_VIOLATED',
          'Báo cáo chưa đầy đủ hoặc chưa hợp lệ: sửa các ô được nêu rồi trình lại',
          { violations: input.violations },
          422,
        );
      }
      return;
  }
}

/** The submission's fields after `rule` fires at `now`. */
function advance(s: Submission, rule: TransitionRule, actor: Actor, input: TransitionInput, now: Date): Submission {
  const next: Submission = { ...s, state: rule.to, updatedAt: now };
  // A stale approval never survives a step back: the next dispatch needs a new signature.
  // Back to editing also drops the consolidation: resubmitting sums the senders' reports again.
  const clearApproval = { approvedAt: null, approvedBy: null, signature: null, signer: null, consolidatedAt: null };
  // A report that left the unit and comes back is sent again as the next version.
  const nextVersion = { ...clearApproval, sentAt: null, acceptedAt: null, version: s.version + 1 };
  switch (rule.action) {
    case 'submit':
      return { ...next, submittedAt: now, firstSubmittedAt: s.firstSubmittedAt ?? now };
    case 'approve':
      return { ...next, approvedAt: now, approvedBy: actor.id, signature: input.signature!.value, signer: input.signature!.signer };
    case 'return':
      return { ...next, ...(rule.from === 'sent' ? nextVersion : clearApproval) };
    case 'reject_signature':
      return { ...next, ...clearApproval };
    case 'recall':
      return { ...next, ...nextVersion };
    case 'refuse':
      // A refused report is not on time: only a later send that is not refused counts.
      return { ...next, ...nextVersion, firstSentAt: null };
    case 'request_correction':
      return { ...next, ...nextVersion, kind: 'correction' };
    case 'dispatch':
      return { ...next, sentAt: now, firstSentAt: s.firstSentAt ?? now };
    case 'accept':
      return { ...next, acceptedAt: now };
    default:
      return next;
  }
}

/**
 * The rule `action` follows from the submission's state for this actor, or a typed refusal:
 * 409 WORKFLOW_TRANSITION_INVALID for an action the state does not allow, 403
 * WORKFLOW_PARTY_FORBIDDEN / WORKFLOW_ROLE_FORBIDDEN for the wrong side or role. Lets the
 * service authorise before doing costly work (signing) for the transition.
 */
export function authorizeTransition(
  submission: Submission,
  action: WorkflowAction,
  actor: Actor,
): { rule: TransitionRule; role: ActorRole } {
  const candidates = TRANSITIONS.filter((t) => t.from === submission.state && t.action === action);
  if (candidates.length === 0) {
    throw new ConflictError('WORKFLOW_TRANSITION_INVALID', `Cannot ${action} a submission in state ${submission.state}`, {
      state: submission.state,
      action,
      allowed: rulesFrom(submission.state).map((t) => t.action),
    });
  }
  const rule = candidates.find((t) => actor.parties.includes(t.party));
  if (!rule) {
    throw new ForbiddenError(
      'WORKFLOW_PARTY_FORBIDDEN',
      `Only the ${candidates.map((c) => c.party).join(' or ')} may ${action} in state ${submission.state}`,
    );
  }
  const role = rule.roles.find((r) => actor.roles.includes(r));
  if (!role) {
    throw new ForbiddenError('WORKFLOW_ROLE_FORBIDDEN', `Role ${rule.roles.join(' or ')} required to ${action}`, { required: rule.roles });
  }
  return { rule, role };
}

/**
 * The one place the workflow moves. Pure: returns the next submission and the transition
 * record to persist, or throws a typed error (see `authorizeTransition`; 400/409/422 for an
 * unmet requirement).
 */
export function applyTransition(
  submission: Submission,
  action: WorkflowAction,
  actor: Actor,
  input: TransitionInput,
  now: Date,
): TransitionResult {
  const { rule, role } = authorizeTransition(submission, action, actor);
  for (const req of rule.requires) checkRequirement(req, action, input);
  const next = advance(submission, rule, actor, input, now);
  return {
    next,
    transition: {
      submissionId: submission.id,
      action,
      from: submission.state,
      to: rule.to,
      actor: actor.id,
      role,
      at: now,
      reason: input.reason?.trim() || null,
      version: next.version,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { Actor, Submission, SubmissionState, WorkflowAction } from './types.js';
import { SUBMISSION_STATES } from './types.js';
import { applyTransition, availableActions, TRANSITIONS, type TransitionInput } from './workflow.js';

const T0 = new Date('2027-01-10T02:00:00Z');
const NOW = new Date('2027-01-16T03:00:00Z');

function submission(state: SubmissionState, over: Partial<Submission> = {}): Submission {
  return {
    id: 's1', assignmentId: 'a1', orgUnitId: 'u1', formCode: 'F1', periodKey: '2027-M01', type: 'data',
    classification: 'normal', state, version: 1, kind: 'original', createdBy: 'u', createdAt: T0,
    enteredAt: T0, firstSubmittedAt: null, submittedAt: null, approvedAt: null, approvedBy: null, sentAt: null,
    acceptedAt: null, consolidatedAt: null, signature: null, signer: null, updatedAt: T0, ...over,
  };
}

const superActor: Actor = { id: 'root', roles: ['admin', 'system'], parties: ['sender', 'receiver'] };
const fullInput: TransitionInput = {
  reason: 'Sai số liệu dòng 3',
  signature: { value: 'sig', signer: 'leader-cert' },
  signatureVerified: true,
  violations: [],
  correctionValueCount: 2,
};
const ACTIONS: WorkflowAction[] = [
  'submit', 'approve', 'return', 'reject_signature', 'dispatch', 'accept', 'recall',
  'request_correction', 'approve_correction', 'refuse_correction',
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : String(err);
  }
  return undefined;
}

describe('workflow state machine', () => {
  const expected: Record<SubmissionState, Partial<Record<WorkflowAction, SubmissionState>>> = {
    draft: { submit: 'submitted' },
    returned: { submit: 'submitted' },
    submitted: { approve: 'approved', return: 'returned' },
    approved: { return: 'returned', reject_signature: 'returned', dispatch: 'sent' },
    sent: { accept: 'accepted', return: 'returned', recall: 'draft' },
    accepted: { request_correction: 'correction_requested' },
    correction_requested: { approve_correction: 'accepted', refuse_correction: 'accepted' },
  };

  for (const state of SUBMISSION_STATES) {
    for (const action of ACTIONS) {
      const to = expected[state][action];
      if (to) {
        it(`${state} --${action}--> ${to}`, () => {
          const { next, transition } = applyTransition(submission(state), action, superActor, fullInput, NOW);
          expect(next.state).toBe(to);
          expect(transition).toMatchObject({ from: state, to, action, actor: 'root', at: NOW });
        });
      } else {
        it(`${state} refuses ${action}`, () => {
          expect(codeOf(() => applyTransition(submission(state), action, superActor, fullInput, NOW))).toBe('409 WORKFLOW_TRANSITION_INVALID');
        });
      }
    }
  }

  it('has exactly the rows the table above expects', () => {
    const count = Object.values(expected).reduce((n, m) => n + Object.keys(m).length, 0);
    // `return` from sent (receiver) and from submitted/approved (sender) are separate rows.
    expect(TRANSITIONS.length).toBe(count);
  });

  it('requires a non-empty reason to return, as 400 RETURN_REASON_REQUIRED', () => {
    for (const state of ['submitted', 'approved', 'sent'] as const) {
      expect(codeOf(() => applyTransition(submission(state), 'return', superActor, { reason: '   ' }, NOW))).toBe('400 RETURN_REASON_REQUIRED');
    }
    expect(codeOf(() => applyTransition(submission('approved'), 'reject_signature', superActor, {}, NOW))).toBe('400 RETURN_REASON_REQUIRED');
  });

  it('records the trimmed reason on the transition', () => {
    const { transition } = applyTransition(submission('submitted'), 'return', superActor, { reason: '  thiếu phụ lục ' }, NOW);
    expect(transition.reason).toBe('thiếu phụ lục');
  });

  it('refuses approval without a signature record, and stores the signature when given', () => {
    expect(codeOf(() => applyTransition(submission('submitted'), 'approve', superActor, {}, NOW))).toBe('409 SIGNATURE_REQUIRED');
    const { next } = applyTransition(submission('submitted'), 'approve', superActor, { signature: { value: 'abc', signer: 'CA' } }, NOW);
    expect(next).toMatchObject({ approvedAt: NOW, approvedBy: 'root', signature: 'abc', signer: 'CA' });
  });

  it('refuses dispatch unless the clerk verified the signature', () => {
    expect(codeOf(() => applyTransition(submission('approved'), 'dispatch', superActor, { signatureVerified: false }, NOW))).toBe('409 SIGNATURE_INVALID');
  });

  it('refuses submit with constraint violations (422) or a missing consolidation (409)', () => {
    expect(codeOf(() => applyTransition(submission('draft'), 'submit', superActor, { violations: [{ rule: 'sum' }] }, NOW))).toBe('422 FORM_CONSTRAINTS_VIOLATED');
    expect(codeOf(() => applyTransition(submission('draft'), 'submit', superActor, { consolidationMissing: true }, NOW))).toBe('409 CONSOLIDATION_REQUIRED');
  });

  it('keeps the first submission time across resubmissions', () => {
    const first = applyTransition(submission('draft'), 'submit', superActor, {}, T0).next;
    const back = applyTransition(first, 'return', superActor, { reason: 'x' }, T0).next;
    const again = applyTransition(back, 'submit', superActor, {}, NOW).next;
    expect(again.firstSubmittedAt).toEqual(T0);
    expect(again.submittedAt).toEqual(NOW);
  });

  it('clears the approval on recall so the report must be approved and signed again', () => {
    const sent = submission('sent', { approvedAt: T0, approvedBy: 'l', signature: 's', signer: 'c', sentAt: T0 });
    const { next } = applyTransition(sent, 'recall', superActor, {}, NOW);
    expect(next).toMatchObject({ state: 'draft', signature: null, approvedAt: null, sentAt: null });
  });

  it('bumps the version on an approved correction and requires reason and values to request one', () => {
    expect(codeOf(() => applyTransition(submission('accepted'), 'request_correction', superActor, { correctionValueCount: 1 }, NOW))).toBe('400 CORRECTION_REASON_REQUIRED');
    expect(codeOf(() => applyTransition(submission('accepted'), 'request_correction', superActor, { reason: 'x' }, NOW))).toBe('400 CORRECTION_VALUES_REQUIRED');
    const { next, transition } = applyTransition(submission('correction_requested'), 'approve_correction', superActor, {}, NOW);
    expect(next).toMatchObject({ version: 2, kind: 'correction', state: 'accepted' });
    expect(transition.version).toBe(2);
  });

  describe('roles and parties', () => {
    const entry: Actor = { id: 'e', roles: ['data_entry'], parties: ['sender'] };
    const leader: Actor = { id: 'l', roles: ['leader'], parties: ['sender'] };
    const clerk: Actor = { id: 'c', roles: ['clerk'], parties: ['sender'] };
    const parentLeader: Actor = { id: 'p', roles: ['leader'], parties: ['receiver'] };

    it('lets data entry submit but not approve, and leaders approve but not dispatch', () => {
      expect(applyTransition(submission('draft'), 'submit', entry, {}, NOW).transition.role).toBe('data_entry');
      expect(codeOf(() => applyTransition(submission('submitted'), 'approve', entry, fullInput, NOW))).toBe('403 WORKFLOW_ROLE_FORBIDDEN');
      expect(codeOf(() => applyTransition(submission('approved'), 'dispatch', leader, fullInput, NOW))).toBe('403 WORKFLOW_ROLE_FORBIDDEN');
      expect(applyTransition(submission('approved'), 'dispatch', clerk, fullInput, NOW).next.state).toBe('sent');
    });

    it('lets only the receiver accept, and only the sender recall', () => {
      expect(codeOf(() => applyTransition(submission('sent'), 'accept', leader, {}, NOW))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
      expect(applyTransition(submission('sent'), 'accept', parentLeader, {}, NOW).next.state).toBe('accepted');
      expect(codeOf(() => applyTransition(submission('sent'), 'recall', parentLeader, {}, NOW))).toBe('403 WORKFLOW_PARTY_FORBIDDEN');
    });

    it('refuses recall after acceptance', () => {
      expect(codeOf(() => applyTransition(submission('accepted'), 'recall', entry, {}, NOW))).toBe('409 WORKFLOW_TRANSITION_INVALID');
    });

    it('lists the actions available to an actor', () => {
      expect(availableActions(submission('submitted'), leader).sort()).toEqual(['approve', 'return']);
      expect(availableActions(submission('sent'), parentLeader).sort()).toEqual(['accept', 'return']);
      expect(availableActions(submission('sent'), entry)).toEqual(['recall']);
    });
  });
});

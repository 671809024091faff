import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { Actor, ActorRole, Party, Submission, SubmissionState, WorkflowAction } from './types.js';
import { SUBMISSION_STATES, WORKFLOW_ACTIONS } from './types.js';
import { applyTransition, availableActions, TRANSITIONS, type TransitionInput } from './workflow.js';

const T0 = new Date('2027-01-10T02:00:00Z');
const NOW = new Date('2027-01-16T03:00:00Z');

function submission(state: SubmissionState, over: Partial<Submission> = {}): Submission {
  return {
    id: 's1',
    assignmentId: 'a1',
    orgUnitId: 'u1',
    formCode: 'F1',
    periodKey: '2027-M01',
    type: 'data',
    classification: 'normal',
    state,
    version: 1,
    kind: 'original',
    createdBy: 'u',
    createdAt: T0,
    enteredAt: T0,
    firstSubmittedAt: null,
    submittedAt: null,
    approvedAt: null,
    approvedBy: null,
    sentAt: null,
    firstSentAt: null,
    acceptedAt: null,
    consolidatedAt: null,
    signature: null,
    signer: null,
    updatedAt: T0,
    ...over,
  };
}

/** Every input a requirement may ask for, so only state, side and role decide. */
const fullInput: TransitionInput = {
  reason: 'Sai số liệu dòng 3',
  signature: { value: 'sig', signer: 'CN=Nguyễn Văn A' },
  signatureVerified: true,
  violations: [],
};

const ROLES: ActorRole[] = ['data_entry', 'leader', 'clerk', 'admin', 'ops', 'ministry_client', 'system'];
const PARTIES: Party[] = ['sender', 'receiver'];
const actor = (role: ActorRole, party: Party): Actor => ({ id: `${role}@${party}`, roles: [role], parties: [party] });

/**
 * The table as the regulations read (Kon Tum 8-9, Hải Phòng 8.3, Lai Châu 15.4), written out
 * independently of TRANSITIONS: state → action → [to, party, the roles allowed].
 */
const EXPECTED: Partial<Record<SubmissionState, Partial<Record<WorkflowAction, [SubmissionState, Party, ActorRole[]][]>>>> = {
  draft: { submit: [['submitted', 'sender', ['data_entry', 'admin']]] },
  returned: { submit: [['submitted', 'sender', ['data_entry', 'admin']]] },
  refused: { submit: [['submitted', 'sender', ['data_entry', 'admin']]] },
  submitted: {
    approve: [['approved', 'sender', ['leader', 'admin']]],
    return: [['returned', 'sender', ['leader', 'admin']]],
  },
  approved: {
    return: [['returned', 'sender', ['leader', 'admin']]],
    reject_signature: [['returned', 'sender', ['clerk', 'admin', 'system']]],
    dispatch: [['sent', 'sender', ['clerk', 'admin', 'system']]],
  },
  sent: {
    accept: [['accepted', 'receiver', ['leader', 'admin', 'system']]],
    return: [['returned', 'receiver', ['leader', 'data_entry', 'admin', 'system']]],
    refuse: [['refused', 'receiver', ['system']]],
    recall: [['draft', 'sender', ['data_entry', 'leader', 'clerk', 'admin']]],
  },
  accepted: { request_correction: [['draft', 'sender', ['data_entry', 'leader', 'clerk', 'admin']]] },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : String(err);
  }
  return undefined;
}

describe('workflow state machine: every edge, one real role at a time', () => {
  for (const state of SUBMISSION_STATES) {
    for (const action of WORKFLOW_ACTIONS) {
      const rules = EXPECTED[state]?.[action] ?? [];
      for (const party of PARTIES) {
        for (const role of ROLES) {
          const rule = rules.find((r) => r[1] === party);
          const allowed = rule?.[2].includes(role) ?? false;
          const expected =
            rules.length === 0
              ? '409 WORKFLOW_TRANSITION_INVALID'
              : !rule
                ? '403 WORKFLOW_PARTY_FORBIDDEN'
                : allowed
                  ? `→ ${rule[0]}`
                  : '403 WORKFLOW_ROLE_FORBIDDEN';
          it(`${state} --${action}--> as ${role} (${party}): ${expected}`, () => {
            const run = () => applyTransition(submission(state), action, actor(role, party), fullInput, NOW);
            if (!allowed) {
              expect(codeOf(run)).toBe(expected);
              return;
            }
            const { next, transition } = run();
            expect(next.state).toBe(rule![0]);
            expect(transition).toMatchObject({ from: state, to: rule![0], action, actor: `${role}@${party}`, role, at: NOW });
          });
        }
      }
    }
  }

  it('has exactly the rows the table above expects', () => {
    const rows = Object.values(EXPECTED).flatMap((byAction) => Object.values(byAction!).flat());
    expect(TRANSITIONS.length).toBe(rows.length);
  });

  it('requires a non-empty reason to return, refuse, reject a signature or start a correction', () => {
    const sender = actor('leader', 'sender');
    for (const state of ['submitted', 'approved'] as const) {
      expect(codeOf(() => applyTransition(submission(state), 'return', sender, { reason: '   ' }, NOW))).toBe('400 RETURN_REASON_REQUIRED');
    }
    expect(codeOf(() => applyTransition(submission('sent'), 'return', actor('leader', 'receiver'), {}, NOW))).toBe(
      '400 RETURN_REASON_REQUIRED',
    );
    expect(codeOf(() => applyTransition(submission('approved'), 'reject_signature', actor('clerk', 'sender'), {}, NOW))).toBe(
      '400 RETURN_REASON_REQUIRED',
    );
    expect(codeOf(() => applyTransition(submission('sent'), 'refuse', actor('system', 'receiver'), {}, NOW))).toBe(
      '400 REFUSAL_REASON_REQUIRED',
    );
    expect(codeOf(() => applyTransition(submission('accepted'), 'request_correction', actor('clerk', 'sender'), { reason: '' }, NOW))).toBe(
      '400 CORRECTION_REASON_REQUIRED',
    );
  });

  it('records the trimmed reason on the transition', () => {
    const { transition } = applyTransition(
      submission('submitted'),
      'return',
      actor('leader', 'sender'),
      { reason: '  thiếu phụ lục ' },
      NOW,
    );
    expect(transition.reason).toBe('thiếu phụ lục');
  });

  it('refuses approval without a signature record, and stores the signature when given', () => {
    const leader = actor('leader', 'sender');
    expect(codeOf(() => applyTransition(submission('submitted'), 'approve', leader, {}, NOW))).toBe('409 SIGNATURE_REQUIRED');
    const { next } = applyTransition(submission('submitted'), 'approve', leader, { signature: { value: 'abc', signer: 'CA' } }, NOW);
    expect(next).toMatchObject({ approvedAt: NOW, approvedBy: 'leader@sender', signature: 'abc', signer: 'CA' });
  });

  it('refuses dispatch unless the clerk verified the signature; dispatch sets sentAt and the first send', () => {
    const clerk = actor('clerk', 'sender');
    expect(codeOf(() => applyTransition(submission('approved'), 'dispatch', clerk, { signatureVerified: false }, NOW))).toBe(
      '409 SIGNATURE_INVALID',
    );
    const { next } = applyTransition(submission('approved'), 'dispatch', clerk, { signatureVerified: true }, NOW);
    expect(next).toMatchObject({ state: 'sent', sentAt: NOW, firstSentAt: NOW });
    const again = applyTransition(submission('approved', { firstSentAt: T0 }), 'dispatch', clerk, { signatureVerified: true }, NOW).next;
    expect(again).toMatchObject({ sentAt: NOW, firstSentAt: T0 });
  });

  it('sets acceptedAt on acceptance', () => {
    expect(applyTransition(submission('sent'), 'accept', actor('leader', 'receiver'), {}, NOW).next.acceptedAt).toEqual(NOW);
  });

  it('refuses submit with constraint violations (422) or a missing consolidation (409)', () => {
    const entry = actor('data_entry', 'sender');
    expect(codeOf(() => applyTransition(submission('draft'), 'submit', entry, { violations: [{ rule: 'sum' }] }, NOW))).toBe(
      '422 FORM_CONSTRAINTS_VIOLATED',
    );
    expect(codeOf(() => applyTransition(submission('returned'), 'submit', entry, { consolidationMissing: true }, NOW))).toBe(
      '409 CONSOLIDATION_REQUIRED',
    );
  });

  it('keeps the first submission time across resubmissions', () => {
    const first = applyTransition(submission('draft'), 'submit', actor('data_entry', 'sender'), {}, T0).next;
    const back = applyTransition(first, 'return', actor('leader', 'sender'), { reason: 'x' }, T0).next;
    const again = applyTransition(back, 'submit', actor('data_entry', 'sender'), {}, NOW).next;
    expect(again.firstSubmittedAt).toEqual(T0);
    expect(again.submittedAt).toEqual(NOW);
  });

  const approvedOnce = { approvedAt: T0, approvedBy: 'l', signature: 's', signer: 'c', consolidatedAt: T0 };

  it('clears the stale approval and the consolidation on every step back, within the unit at the same version', () => {
    for (const [action, who] of [
      ['return', actor('leader', 'sender')],
      ['reject_signature', actor('clerk', 'sender')],
    ] as const) {
      const { next } = applyTransition(submission('approved', approvedOnce), action, who, { reason: 'x' }, NOW);
      expect(next).toMatchObject({
        state: 'returned',
        version: 1,
        signature: null,
        signer: null,
        approvedAt: null,
        approvedBy: null,
        consolidatedAt: null,
      });
    }
  });

  it('sends a report that left the unit and came back as the next version, approval cleared', () => {
    const sent = submission('sent', { ...approvedOnce, sentAt: T0, firstSentAt: T0 });
    const cases: [WorkflowAction, Actor, SubmissionState][] = [
      ['recall', actor('clerk', 'sender'), 'draft'],
      ['return', actor('leader', 'receiver'), 'returned'],
      ['refuse', actor('system', 'receiver'), 'refused'],
    ];
    for (const [action, who, to] of cases) {
      const { next, transition } = applyTransition(sent, action, who, { reason: 'x' }, NOW);
      expect(next).toMatchObject({
        state: to,
        version: 2,
        kind: 'original',
        signature: null,
        approvedAt: null,
        sentAt: null,
        consolidatedAt: null,
      });
      expect(transition.version).toBe(2);
      // Only a refusal makes the first send not count (a refused report is not on time).
      expect(next.firstSentAt).toEqual(action === 'refuse' ? null : T0);
    }
  });

  it('reopens an accepted report as the next version, kind correction, through the whole path again', () => {
    const accepted = submission('accepted', { ...approvedOnce, sentAt: T0, firstSentAt: T0, acceptedAt: T0 });
    const { next } = applyTransition(accepted, 'request_correction', actor('data_entry', 'sender'), { reason: 'Sai dòng 2' }, NOW);
    expect(next).toMatchObject({
      state: 'draft',
      version: 2,
      kind: 'correction',
      signature: null,
      signer: null,
      acceptedAt: null,
      firstSentAt: T0,
    });
    const submitted = applyTransition(next, 'submit', actor('data_entry', 'sender'), {}, NOW).next;
    expect(codeOf(() => applyTransition(submitted, 'dispatch', actor('clerk', 'sender'), fullInput, NOW))).toBe(
      '409 WORKFLOW_TRANSITION_INVALID',
    );
    const approved = applyTransition(submitted, 'approve', actor('leader', 'sender'), fullInput, NOW).next;
    expect(approved).toMatchObject({ state: 'approved', version: 2, kind: 'correction', signer: 'CN=Nguyễn Văn A' });
  });

  it('refuses recall after acceptance', () => {
    expect(codeOf(() => applyTransition(submission('accepted'), 'recall', actor('data_entry', 'sender'), {}, NOW))).toBe(
      '409 WORKFLOW_TRANSITION_INVALID',
    );
  });

  it('lists the actions available to an actor', () => {
    expect(availableActions(submission('submitted'), actor('leader', 'sender')).sort()).toEqual(['approve', 'return']);
    expect(availableActions(submission('sent'), actor('leader', 'receiver')).sort()).toEqual(['accept', 'return']);
    expect(availableActions(submission('sent'), actor('system', 'receiver')).sort()).toEqual(['accept', 'refuse', 'return']);
    expect(availableActions(submission('sent'), actor('data_entry', 'sender'))).toEqual(['recall']);
    expect(availableActions(submission('refused'), actor('data_entry', 'sender'))).toEqual(['submit']);
  });
});

import type { Assignment } from '../core/assignments/types.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { StoredSubmission } from '../core/submissions/repository/submissions.js';
import { isAppError } from '../shared/errors.js';
import { plausibleValues } from './plausible-values.js';
import { extendIfLocked } from './late-entry.js';
import { demoActor } from './actors.js';

export { demoActor } from './actors.js';

export interface Forwarded {
  submissionId: string;
  state: string;
  version: number;
}

export type DriveOutcome =
  | { assignmentId: string; submissionId: string; state: string; receiverId: string | null; national?: Forwarded }
  | { assignmentId: string; skipped: string };

/** Leader approves (signed by the signing port), the clerk dispatches unless the regime auto-dispatches. */
export async function approveAndSend(submissions: SubmissionsServices, unitId: string, id: string): Promise<StoredSubmission> {
  const svc = submissions.service;
  await svc.transition(demoActor(unitId, 'data_entry'), id, 'submit');
  let out = await svc.transition(demoActor(unitId, 'leader'), id, 'approve');
  if (out.submission.state === 'approved') out = await svc.transition(demoActor(unitId, 'clerk'), id, 'dispatch');
  return out.submission;
}

/**
 * The receiver's turn (Kon Tum 8.2.b, 10.3): its leader accepts the reports routed to it, its
 * data entry consolidates them, and the consolidated report goes up; the province's goes to
 * the national system. Already accepted: a correction (version + 1) carrying the new reports.
 */
export async function driveReceiver(
  core: CoreServices,
  submissions: SubmissionsServices,
  a: Assignment,
  random: () => number,
): Promise<Forwarded | null> {
  const svc = submissions.service;
  const unit = a.orgUnitId;
  const leader = demoActor(unit, 'leader');
  const entry = demoActor(unit, 'data_entry');
  for (const s of await svc.list(leader, { periodKey: a.periodKey, formCode: a.formCode, state: 'sent', limit: 500 })) {
    if (s.orgUnitId === unit) continue;
    if ((await svc.get(leader, s.id)).actions.includes('accept')) await svc.transition(leader, s.id, 'accept');
  }
  const [own] = await svc.list(entry, { periodKey: a.periodKey, formCode: a.formCode, orgUnitId: unit, limit: 1 });
  let s = own ?? (await svc.create(entry, { assignmentId: a.id }));
  if (s.state === 'sent' || s.state === 'submitted' || s.state === 'approved')
    return { submissionId: s.id, state: s.state, version: s.version };
  if (s.state === 'accepted') {
    s = (await svc.transition(demoActor(unit, 'clerk'), s.id, 'request_correction', { reason: 'Bổ sung số liệu của các đơn vị gửi sau' }))
      .submission;
  }
  const form = await core.forms.require(a.formCode);
  await extendIfLocked(core, a);
  await svc.saveValues(entry, s.id, plausibleValues(form, random, { unit }));
  await svc.consolidate(entry, s.id);
  const sent = await approveAndSend(submissions, unit, s.id);
  return { submissionId: sent.id, state: sent.state, version: sent.version };
}

/**
 * One report through the real workflow: open, enter plausible figures, submit, the leader
 * approves, the clerk dispatches to the receiver routing names; then the receiver takes its
 * turn (`driveReceiver`), so the demo follows the standard path up to the national system.
 */
export async function driveReport(
  core: CoreServices,
  submissions: SubmissionsServices,
  a: Assignment,
  random: () => number,
): Promise<DriveOutcome> {
  const form = await core.forms.require(a.formCode);
  if (form.type !== 'data') return { assignmentId: a.id, skipped: 'narrative form' };
  // The province's own report is consolidated as its units' reports arrive (driveReceiver).
  if ((await core.orgUnits.get(a.orgUnitId))?.parentId === null) return { assignmentId: a.id, skipped: 'receiver' };
  const svc = submissions.service;
  const entry = demoActor(a.orgUnitId, 'data_entry');
  const submission = await svc.create(entry, { assignmentId: a.id });
  await extendIfLocked(core, a);
  await svc.saveValues(entry, submission.id, plausibleValues(form, random, { unit: a.orgUnitId }));
  const sent = await approveAndSend(submissions, a.orgUnitId, submission.id);
  const view = await svc.get(entry, submission.id);
  const outcome: DriveOutcome = { assignmentId: a.id, submissionId: sent.id, state: sent.state, receiverId: view.receiver?.id ?? null };
  if (!view.receiver) return outcome;
  const [receiving] = await core.assignments.list({ periodKey: a.periodKey, formCode: a.formCode, orgUnitIds: [view.receiver.id] });
  if (!receiving || receiving.status !== 'open') return outcome;
  try {
    const national = await driveReceiver(core, submissions, receiving, random);
    return national ? { ...outcome, national } : outcome;
  } catch (err) {
    // The unit's report is sent whatever happens next; the receiver's turn is retried with the next one.
    if (isAppError(err)) return outcome;
    throw err;
  }
}

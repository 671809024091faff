import type { Assignment } from '../core/assignments/types.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { Principal, Role } from '../http/principal.js';
import { plausibleValues } from './plausible-values.js';

/** The unit's own staff, as the workflow requires them: data entry, leader, clerk. */
export function demoActor(orgUnitId: string, role: Role): Principal {
  const names: Partial<Record<Role, string>> = { data_entry: 'Cán bộ nhập liệu (demo)', leader: 'Lãnh đạo đơn vị (demo)', clerk: 'Văn thư (demo)' };
  return { kind: 'user', id: `demo:${role}@${orgUnitId}`, displayName: names[role] ?? role, roles: [role], orgUnitId };
}

export type DriveOutcome = { assignmentId: string; submissionId: string; state: string } | { assignmentId: string; skipped: string };

/**
 * One report through the real workflow: open, enter plausible figures, submit, the leader
 * approves (signed by the exchange area's signer), the clerk dispatches. Dispatch is what the
 * delivery engine listens to, so a packet leaves for the national system.
 */
export async function driveReport(core: CoreServices, submissions: SubmissionsServices, a: Assignment, random: () => number): Promise<DriveOutcome> {
  const form = await core.forms.require(a.formCode);
  if (form.type !== 'data') return { assignmentId: a.id, skipped: 'narrative form' };
  if ((await core.orgUnits.children(a.orgUnitId)).length > 0) return { assignmentId: a.id, skipped: 'needs consolidation' };
  const svc = submissions.service;
  const entry = demoActor(a.orgUnitId, 'data_entry');
  const submission = await svc.create(entry, { assignmentId: a.id });
  await svc.saveValues(entry, submission.id, plausibleValues(form, random));
  await svc.transition(entry, submission.id, 'submit');
  let out = await svc.transition(demoActor(a.orgUnitId, 'leader'), submission.id, 'approve');
  // Regimes with autoDispatch send on approval; others wait for the clerk.
  if (out.submission.state === 'approved') out = await svc.transition(demoActor(a.orgUnitId, 'clerk'), submission.id, 'dispatch');
  return { assignmentId: a.id, submissionId: submission.id, state: out.submission.state };
}

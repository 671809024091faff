import { demoActor } from '../../../src/demo/actors.js';
import { plausibleValues, seededRandom } from '../../../src/demo/plausible-values.js';
import type { RealHarness } from '../../console/support/real-gateway.js';

/**
 * A unit's report of `formCode` for `periodKey`, entered by its data-entry role through the
 * submissions service with plausible figures (seeded, so a test reads the same figures each
 * run), and submitted when asked: the starting point of a browser test that is about a later step.
 */
export async function enteredReport(
  h: RealHarness,
  at: { formCode: string; orgUnitId: string; periodKey: string },
  options: { seed: number; submit?: boolean },
): Promise<string> {
  const entry = demoActor(at.orgUnitId, 'data_entry');
  const [assignment] = await h.core.assignments.list({ periodKey: at.periodKey, formCode: at.formCode, orgUnitIds: [at.orgUnitId] });
  if (!assignment) throw new Error(`no assignment of ${at.formCode} for ${at.orgUnitId} in ${at.periodKey}`);
  const draft = await h.submissions.service.create(entry, { assignmentId: assignment.id });
  const form = await h.core.forms.require(at.formCode);
  await h.submissions.service.saveValues(entry, draft.id, plausibleValues(form, seededRandom(options.seed)));
  if (options.submit) await h.submissions.service.transition(entry, draft.id, 'submit');
  return draft.id;
}

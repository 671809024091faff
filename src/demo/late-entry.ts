import type { Assignment } from '../core/assignments/types.js';
import type { CoreServices } from '../core/core-services.js';
import { addDays, localDateOf } from '../core/calendar/index.js';
import { isAppError } from '../shared/errors.js';
import { demoActor } from './actors.js';

/**
 * The demo enters reports of periods whose deadline has passed (late reports, last month's
 * work left for people). Entry locks at the deadline, so it does what a late unit does: its
 * data entry asks for an extension with a reason, the leader of the unit above (the top unit's
 * administrator for the province's own report) grants a week. The request and the decision
 * stay in the report's history like any other.
 */
export async function extendIfLocked(core: CoreServices, a: Assignment, now: Date = core.extensions.now()): Promise<void> {
  if (!core.extensions.lockOf(a, now)?.locked) return;
  const until = addDays(localDateOf(now), 7);
  const parentId = (await core.orgUnits.get(a.orgUnitId))?.parentId ?? null;
  const decider = parentId ? demoActor(parentId, 'leader') : demoActor(a.orgUnitId, 'admin');
  try {
    const request = await core.extensions.request(demoActor(a.orgUnitId, 'data_entry'), a.id, {
      until,
      reason: 'Đơn vị chưa tổng hợp kịp số liệu của các thôn, bản trước hạn (dữ liệu minh họa)',
    });
    await core.extensions.grant(decider, request.id, { note: 'Đồng ý gia hạn một tuần (dữ liệu minh họa)' });
  } catch (err) {
    // Already asked by an earlier pass of the demo: the pending request is left to a person.
    if (!(isAppError(err) && err.code === 'EXTENSION_ALREADY_PENDING')) throw err;
  }
}

import type { Principal } from '../../../http/principal.js';
import type { SubmissionsDeps } from '../deps.js';
import { listSubmissions, type StoredSubmission, type SubmissionFilter } from '../repository/submissions.js';

/** Submissions matching the filter, newest first, only those of units in the caller's scope. */
export async function listVisibleSubmissions(
  deps: SubmissionsDeps,
  principal: Principal,
  filter: SubmissionFilter,
): Promise<StoredSubmission[]> {
  const [rows, scope] = await Promise.all([listSubmissions(deps.db, filter), deps.catalog.unitsInScope(principal)]);
  return rows.filter((s) => scope.has(s.orgUnitId));
}

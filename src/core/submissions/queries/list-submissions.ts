import type { Principal } from '../../../http/principal.js';
import type { SubmissionsDeps } from '../deps.js';
import { listSubmissions, type StoredSubmission, type SubmissionFilter } from '../repository/submissions.js';

/** Submissions matching the filter, newest first, only those of units in the caller's scope. */
export async function listVisibleSubmissions(deps: SubmissionsDeps, principal: Principal, filter: SubmissionFilter): Promise<StoredSubmission[]> {
  const rows = await listSubmissions(deps.db, filter);
  const access = new Map<string, boolean>();
  const visible: StoredSubmission[] = [];
  for (const s of rows) {
    if (!access.has(s.orgUnitId)) access.set(s.orgUnitId, await deps.catalog.canAccess(principal, s.orgUnitId));
    if (access.get(s.orgUnitId)) visible.push(s);
  }
  return visible;
}

import type { SubmissionsDeps } from '../deps.js';

/** The display name of each id that names a known account (none bound: an empty map, the reader shows ids). */
export async function namesOf(deps: SubmissionsDeps, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const names = deps.accountNames();
  return names && ids.length > 0 ? names(ids) : new Map();
}

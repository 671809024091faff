import type { Principal } from '../../../http/principal.js';
import { ConflictError } from '../../../shared/errors.js';
import { validateListRecords, type ListViolation } from '../../forms/list-rules.js';
import type { ListRecord } from '../../forms/types.js';
import { normalizeText } from '../../text/index.js';
import { loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { listRecords, replaceRecords } from '../repository/list-records.js';
import { findSubmission, type StoredSubmission } from '../repository/submissions.js';
import { assertCanEdit, writeEdit } from './editing.js';

export interface SaveRecordsResult {
  submission: StoredSubmission;
  records: ListRecord[];
  /** Broken column rules: saving a draft is allowed, submitting is not. */
  violations: ListViolation[];
}

/** Text cells Unicode-normalised (NFC) like every text the core stores. */
function normalised(records: ListRecord[]): ListRecord[] {
  return records.map((r, i) => ({
    rowNo: r.rowNo,
    values: Object.fromEntries(
      Object.entries(r.values).map(([k, v]) => [k, typeof v === 'string' ? normalizeText(v, `records[${i}].values.${k}`) : v]),
    ),
  }));
}

/** Saves (replaces) the records of a list-type report and reports the column rules they break. */
export async function saveRecords(
  deps: SubmissionsDeps,
  principal: Principal,
  id: string,
  input: ListRecord[],
): Promise<SaveRecordsResult> {
  const ctx = await loadContext(deps, id);
  await assertCanEdit(deps, principal, ctx, 'list');
  const spec = ctx.form.list;
  if (!spec) throw new ConflictError('FORM_NOT_LIST', `Form ${ctx.form.code} is not a list-type form`);
  const records = normalised(input);
  await writeEdit(deps, principal, ctx, {
    action: 'submission.records_saved',
    details: { records: records.length },
    write: (tx, now) => replaceRecords(tx, id, records, principal.id, now),
  });
  const saved = await listRecords(deps.db, id);
  return { submission: (await findSubmission(deps.db, id))!, records: saved, violations: validateListRecords(spec, saved) };
}

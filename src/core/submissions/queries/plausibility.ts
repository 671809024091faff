import { checkPlausibility, type PlausibilityWarning } from '../../forms/plausibility.js';
import type { SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { previousPeriodKey } from '../previous-period.js';
import { findForUnits } from '../repository/submissions.js';
import { listValues } from '../repository/values.js';
import type { CellValue } from '../types.js';

const totals = (values: CellValue[]) => values.filter((v) => !v.disaggregation || Object.keys(v.disaggregation).length === 0);

/**
 * The plausibility warnings of a data report (the form's rules), against the same unit's
 * report of the previous period for `change` rules. Read with the report, so the leader sees
 * them before signing; they never block a transition.
 */
export async function plausibilityOf(deps: SubmissionsDeps, ctx: SubmissionContext, values: CellValue[]): Promise<PlausibilityWarning[]> {
  const rules = ctx.form.plausibility ?? [];
  if (ctx.submission.type !== 'data' || rules.length === 0) return [];
  let previous: { periodKey: string; cells: CellValue[] } | undefined;
  const periodKey = rules.some((r) => r.type === 'change') ? previousPeriodKey(ctx.submission.periodKey) : null;
  if (periodKey) {
    const [before] = await findForUnits(deps.db, [ctx.submission.orgUnitId], ctx.submission.formCode, periodKey);
    if (before) previous = { periodKey, cells: totals(await listValues(deps.db, before.id)) };
  }
  return checkPlausibility(ctx.form, totals(values), previous);
}

import { checkOutliers, OUTLIER_DEFAULTS } from '../../forms/outliers.js';
import { checkPlausibility, type PlausibilityWarning } from '../../forms/plausibility.js';
import type { SubmissionContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { previousPeriodKey, samePeriodLastYear } from '../previous-period.js';
import { unitHistoryValues } from '../repository/history-values.js';
import { findForUnits } from '../repository/submissions.js';
import { listValues } from '../repository/values.js';
import type { CellValue } from '../types.js';

const totals = (values: CellValue[]) => values.filter((v) => !v.disaggregation || Object.keys(v.disaggregation).length === 0);

/** The `n` period keys before `key`, newest first (none for an ad hoc period). */
function pastKeys(key: string, n: number): string[] {
  const out: string[] = [];
  for (let k = previousPeriodKey(key); k && out.length < n; k = previousPeriodKey(k)) out.push(k);
  return out;
}

/**
 * The plausibility warnings of a data report (the form's rules): `change` rules against the
 * same unit's report of the previous period, `outlier` rules against its reported history.
 * Read with the report, so data entry and the leader see them; they never block a transition
 * (unless OUTLIER_COMMENT_REQUIRED asks for a comment on a flagged cell, see transition-precheck).
 */
export async function plausibilityOf(deps: SubmissionsDeps, ctx: SubmissionContext, values: CellValue[]): Promise<PlausibilityWarning[]> {
  const rules = ctx.form.plausibility ?? [];
  const s = ctx.submission;
  if (s.type !== 'data' || rules.length === 0) return [];
  let previous: { periodKey: string; cells: CellValue[] } | undefined;
  const periodKey = rules.some((r) => r.type === 'change') ? previousPeriodKey(s.periodKey) : null;
  if (periodKey) {
    const [before] = await findForUnits(deps.db, [s.orgUnitId], s.formCode, periodKey);
    if (before) previous = { periodKey, cells: totals(await listValues(deps.db, before.id)) };
  }
  const warnings = checkPlausibility(ctx.form, totals(values), previous);
  const outlierRules = rules.filter((r) => r.type === 'outlier');
  if (outlierRules.length === 0) return warnings;
  const keys = pastKeys(s.periodKey, Math.max(...outlierRules.map((r) => r.periods ?? OUTLIER_DEFAULTS.periods)));
  const stored = await unitHistoryValues(deps.db, s.orgUnitId, s.formCode, keys);
  const history = keys.filter((k) => stored.has(k)).map((k) => ({ periodKey: k, cells: stored.get(k)! }));
  for (const rule of outlierRules)
    warnings.push(...checkOutliers(ctx.form, rule, totals(values), history, samePeriodLastYear(s.periodKey)));
  return warnings;
}

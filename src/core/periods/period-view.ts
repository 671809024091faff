import { ValidationError } from '../../shared/errors.js';
import type { ReportPeriod } from '../approved-report.js';
import type { RegimeDeadlineRule } from '../catalog/types.js';
import { addDays, deadlineFor, parsePeriodKey } from '../calendar/index.js';
import type { CoreServices } from '../core-services.js';

export interface PeriodView {
  period: ReportPeriod;
  regime: string | null;
  deadlineRule?: RegimeDeadlineRule;
  deadline: string | null;
  /** Days off between the cut-off and the deadline, the reason the deadline moved. */
  daysOff?: { date: string; holiday: string | null }[];
}

/** A period's cut-off window under the rules in force and, for a regime, its deadline. */
export async function periodView(core: CoreServices, key: string, regimeCode?: string): Promise<PeriodView> {
  const period = parsePeriodKey(key, core.cutoffRules);
  if (!regimeCode) return { period, regime: null, deadline: null };
  const regime = await core.regimes.require(regimeCode);
  if (regime.type !== 'periodic' || !regime.periodKinds.includes(period.kind)) {
    throw new ValidationError('PERIOD_NOT_IN_REGIME', `Regime ${regime.code} is not reported per ${period.kind}`, {
      periodKey: period.key,
      regime: regime.code,
    });
  }
  const deadline = deadlineFor(period, regime.deadlineRule, core.calendar);
  const daysOff: { date: string; holiday: string | null }[] = [];
  for (let d = addDays(period.windowEnd, 1); d < deadline; d = addDays(d, 1)) {
    if (!core.calendar.isWorkingDay(d)) daysOff.push({ date: d, holiday: core.calendar.holidayName(d) ?? null });
  }
  return { period, regime: regime.code, deadlineRule: regime.deadlineRule, deadline, daysOff };
}

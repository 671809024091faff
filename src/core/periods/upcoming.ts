import type { PeriodKind, ReportPeriod } from '../approved-report.js';
import { periodFor, type CutoffRules, DECREE_09_2019_CUTOFF_RULES } from '../calendar/index.js';

const INDICES: Record<Exclude<PeriodKind, 'ad_hoc'>, (number | undefined)[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 2, 3, 4],
  half_year: [undefined],
  nine_months: [undefined],
  year: [undefined],
};

/**
 * The period of `kind` being reported on at `today` (the first whose cut-off window has not
 * ended) and the one after it. Pure: the module uses it to give the demo work to do.
 */
export function currentAndNextPeriods(
  kind: Exclude<PeriodKind, 'ad_hoc'>,
  today: string,
  rules: CutoffRules = DECREE_09_2019_CUTOFF_RULES,
): ReportPeriod[] {
  const year = Number(today.slice(0, 4));
  const all: ReportPeriod[] = [];
  for (const y of [year - 1, year, year + 1, year + 2]) for (const i of INDICES[kind]) all.push(periodFor(kind, y, i, rules));
  all.sort((a, b) => a.windowEnd.localeCompare(b.windowEnd));
  const first = all.findIndex((p) => p.windowEnd >= today);
  return all.slice(first, first + 2);
}

import type { PeriodKind } from '../approved-report.js';

/**
 * Cut-off windows (thời gian chốt số liệu) as data. A window runs from `start` to `end`,
 * each a day of a month counted from the period's anchor month. Provinces configure their own;
 * the default is the Nghị định 09/2019 rule as copied into Kon Tum 7.1.c:
 * month 15th of the previous month → 14th; quarter 15th of the month before → 14th of its last
 * month; 6 months 15/12 → 14/6; 9 months 15/12 → 14/9; year 15/12 → 14/12.
 */
export interface CutoffRule {
  /** Which month the offsets count from: the period's month, the quarter's first month, or January. */
  anchor: 'period_month' | 'quarter_first_month' | 'january';
  start: { monthOffset: number; day: number };
  end: { monthOffset: number; day: number };
}

export type CutoffRules = Record<Exclude<PeriodKind, 'ad_hoc'>, CutoffRule>;

export const DECREE_09_2019_CUTOFF_RULES: CutoffRules = {
  month: { anchor: 'period_month', start: { monthOffset: -1, day: 15 }, end: { monthOffset: 0, day: 14 } },
  quarter: { anchor: 'quarter_first_month', start: { monthOffset: -1, day: 15 }, end: { monthOffset: 2, day: 14 } },
  half_year: { anchor: 'january', start: { monthOffset: -1, day: 15 }, end: { monthOffset: 5, day: 14 } },
  nine_months: { anchor: 'january', start: { monthOffset: -1, day: 15 }, end: { monthOffset: 8, day: 14 } },
  year: { anchor: 'january', start: { monthOffset: -1, day: 15 }, end: { monthOffset: 11, day: 14 } },
};

/** Calendar-month windows (1st → last day), for provinces that report by calendar month. */
export const CALENDAR_MONTH_CUTOFF_RULES: CutoffRules = {
  month: { anchor: 'period_month', start: { monthOffset: 0, day: 1 }, end: { monthOffset: 1, day: 0 } },
  quarter: { anchor: 'quarter_first_month', start: { monthOffset: 0, day: 1 }, end: { monthOffset: 3, day: 0 } },
  half_year: { anchor: 'january', start: { monthOffset: 0, day: 1 }, end: { monthOffset: 6, day: 0 } },
  nine_months: { anchor: 'january', start: { monthOffset: 0, day: 1 }, end: { monthOffset: 9, day: 0 } },
  year: { anchor: 'january', start: { monthOffset: 0, day: 1 }, end: { monthOffset: 12, day: 0 } },
};

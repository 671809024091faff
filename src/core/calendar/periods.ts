import type { PeriodKind, ReportPeriod } from '../approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import { DECREE_09_2019_CUTOFF_RULES, type CutoffRule, type CutoffRules } from './cutoff-rules.js';
import { isoDate } from './iso-date.js';

const INDEX_RANGE: Partial<Record<PeriodKind, [number, number]>> = { month: [1, 12], quarter: [1, 4] };

function periodKey(kind: PeriodKind, year: number, index?: number): string {
  switch (kind) {
    case 'month':
      return `${year}-M${String(index).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${index}`;
    case 'half_year':
      return `${year}-H1`;
    case 'nine_months':
      return `${year}-9M`;
    case 'year':
      return `${year}-Y`;
    case 'ad_hoc':
      // Stryker disable next-line StringLiteral: adHocPeriod always passes its id; the fallback only keeps the key a string.
      return `${year}-AH${index ?? ''}`;
  }
}

function anchorMonth(rule: CutoffRule, index?: number): number {
  if (rule.anchor === 'period_month') return index!;
  if (rule.anchor === 'quarter_first_month') return 3 * (index! - 1) + 1;
  return 1;
}

/**
 * The reporting period (kỳ báo cáo) with its cut-off window under the given rules. Ad hoc
 * periods have no rule: pass their window explicitly with `adHocPeriod`.
 */
export function periodFor(kind: PeriodKind, year: number, index?: number, rules: CutoffRules = DECREE_09_2019_CUTOFF_RULES): ReportPeriod {
  if (kind === 'ad_hoc') throw new ValidationError('PERIOD_INVALID', 'Ad hoc periods need an explicit window: use adHocPeriod()');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError('PERIOD_INVALID', `Year out of range: ${year}`);
  const range = INDEX_RANGE[kind];
  if (range && (!Number.isInteger(index) || index! < range[0] || index! > range[1])) {
    throw new ValidationError('PERIOD_INVALID', `${kind} needs an index from ${range[0]} to ${range[1]}, got ${index}`);
  }
  const rule = rules[kind];
  const anchor = anchorMonth(rule, index);
  return {
    kind,
    year,
    ...(range ? { index } : {}),
    key: periodKey(kind, year, range ? index : undefined),
    windowStart: isoDate(year, anchor + rule.start.monthOffset, rule.start.day),
    windowEnd: isoDate(year, anchor + rule.end.monthOffset, rule.end.day),
  };
}

export function adHocPeriod(year: number, id: number, windowStart: string, windowEnd: string): ReportPeriod {
  if (windowEnd < windowStart) throw new ValidationError('PERIOD_INVALID', 'Ad hoc window ends before it starts');
  return { kind: 'ad_hoc', year, index: id, key: periodKey('ad_hoc', year, id), windowStart, windowEnd };
}

const KEY_PATTERNS: [RegExp, PeriodKind][] = [
  [/^(\d{4})-M(\d{2})$/, 'month'],
  [/^(\d{4})-Q([1-4])$/, 'quarter'],
  [/^(\d{4})-H1$/, 'half_year'],
  [/^(\d{4})-9M$/, 'nine_months'],
  [/^(\d{4})-Y$/, 'year'],
];

/** Parses keys like 2027-M01, 2027-Q1, 2027-H1, 2027-9M, 2027-Y. */
export function parsePeriodKey(key: string, rules: CutoffRules = DECREE_09_2019_CUTOFF_RULES): ReportPeriod {
  for (const [pattern, kind] of KEY_PATTERNS) {
    const m = pattern.exec(key);
    if (m) return periodFor(kind, Number(m[1]), m[2] ? Number(m[2]) : undefined, rules);
  }
  throw new ValidationError(
    'PERIOD_KEY_INVALID',
    `Unknown period key "${key}" (expected e.g. 2027-M01, 2027-Q1, 2027-H1, 2027-9M, 2027-Y)`,
    { key },
  );
}

/** The periods of one kind whose cut-off window contains the date (monthly: exactly one). */
export function periodsContaining(
  kind: Exclude<PeriodKind, 'ad_hoc'>,
  iso: string,
  rules: CutoffRules = DECREE_09_2019_CUTOFF_RULES,
): ReportPeriod[] {
  const year = Number(iso.slice(0, 4));
  // Stryker disable next-line ArrayDeclaration: an extra non-period element is dropped by the window filter below.
  const candidates: ReportPeriod[] = [];
  for (const y of [year, year + 1]) {
    const range = INDEX_RANGE[kind];
    const indices = range ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : [undefined];
    for (const i of indices) candidates.push(periodFor(kind, y, i, rules));
  }
  return candidates.filter((p) => p.windowStart <= iso && iso <= p.windowEnd);
}

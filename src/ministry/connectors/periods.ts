import type { ReportPeriod } from '../../core/approved-report.js';
import { localDateOf, periodFor } from '../../core/calendar/index.js';
import type { ConnectorDefinition } from './definition.js';

const INDICES: Record<ConnectorDefinition['periodKind'], (number | undefined)[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 2, 3, 4],
  half_year: [undefined],
  nine_months: [undefined],
  year: [undefined],
};

/**
 * The period a scheduled run takes: offset 0 = the period being reported on today (the first
 * whose cut-off window has not ended), -1 = the one before it (usually already approved).
 */
export function connectorPeriod(def: ConnectorDefinition, now: Date): ReportPeriod {
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  const all: ReportPeriod[] = [];
  for (let y = year - 2; y <= year + 1; y += 1) for (const i of INDICES[def.periodKind]) all.push(periodFor(def.periodKind, y, i));
  all.sort((a, b) => a.windowEnd.localeCompare(b.windowEnd));
  const current = all.findIndex((p) => p.windowEnd >= today);
  return all[Math.max(0, current + (def.periodOffset ?? 0))]!;
}

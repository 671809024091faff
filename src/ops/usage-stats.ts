import { addDays, parsePeriodKey } from '../core/calendar/index.js';
import type { TimelinessRow } from '../core/submissions/queries/timeliness.js';
import { statusAsOf } from '../console/timeliness-view.js';
import { ValidationError } from '../shared/errors.js';
import type { SqlExecutor } from '../store/database.js';

export interface UnitUsage {
  orgUnitId: string;
  orgUnitName: string;
  logins: number;
  activeAccounts: number;
  disabledAccounts: number;
  /** Reports assigned in the periods. */
  assigned: number;
  /** Started (a draft or further). */
  entered: number;
  /** Sent at the regime's step (to the receiver or the leader). */
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  /** Not due yet and not sent. */
  pending: number;
  corrections: number;
}

export interface UsageReport {
  fromPeriod: string;
  toPeriod: string;
  periods: string[];
  /** The activity window (logins, corrections): from the first period's window start to the last one's end. */
  from: string;
  to: string;
  units: UnitUsage[];
  totals: Omit<UnitUsage, 'orgUnitId' | 'orgUnitName'>;
}

/** Periods of the same kind as `from`, between `from` and `to` (keys sort in time order within a kind). */
export function periodsBetween(all: string[], from: string, to: string): string[] {
  const kindOf = (k: string) => k.replace(/^\d{4}-/, '').replace(/\d+/g, '#');
  if (kindOf(from) !== kindOf(to))
    throw new ValidationError('PERIOD_RANGE_INVALID', 'Kỳ đầu và kỳ cuối phải cùng loại (tháng, quý, năm...)');
  if (from > to) throw new ValidationError('PERIOD_RANGE_INVALID', 'Kỳ đầu phải trước kỳ cuối');
  return all.filter((k) => kindOf(k) === kindOf(from) && k >= from && k <= to).sort();
}

export function activityWindow(from: string, to: string): { from: Date; to: Date } {
  const a = parsePeriodKey(from);
  const b = parsePeriodKey(to);
  return { from: new Date(`${a.windowStart}T00:00:00+07:00`), to: new Date(`${addDays(b.windowEnd, 1)}T00:00:00+07:00`) };
}

/** Counts of audit actions per unit in [from, to): logins and correction requests. */
export async function auditCounts(sql: SqlExecutor, window: { from: Date; to: Date }): Promise<Map<string, Record<string, number>>> {
  const res = await sql.query<{ org_unit_id: string; action: string; n: string | number }>(
    `SELECT org_unit_id, action, count(*) AS n FROM audit_log
      WHERE at >= $1 AND at < $2 AND org_unit_id IS NOT NULL AND action IN ('auth.login', 'submission.request_correction')
      GROUP BY 1, 2`,
    [window.from, window.to],
  );
  const m = new Map<string, Record<string, number>>();
  for (const r of res.rows) m.set(r.org_unit_id, { ...(m.get(r.org_unit_id) ?? {}), [r.action]: Number(r.n) });
  return m;
}

const ZERO = (): Omit<UnitUsage, 'orgUnitId' | 'orgUnitName'> => ({
  logins: 0,
  activeAccounts: 0,
  disabledAccounts: 0,
  assigned: 0,
  entered: 0,
  submitted: 0,
  onTime: 0,
  late: 0,
  missing: 0,
  pending: 0,
  corrections: 0,
});

/**
 * Usage per unit (Thái Bình 16.1, Lai Châu 18.1, Hòa Bình 15.4): accounts now, logins and
 * corrections in the window, reports of the periods as of today (the same "not yet due" rule as
 * the timeliness page and the deadline calendar).
 */
export function usageReport(input: {
  fromPeriod: string;
  toPeriod: string;
  periods: string[];
  window: { from: Date; to: Date };
  units: { id: string; name: string }[];
  accounts: { orgUnitId: string | null; status: string }[];
  audit: Map<string, Record<string, number>>;
  rows: TimelinessRow[];
  today: string;
}): UsageReport {
  const byUnit = new Map(input.units.map((u) => [u.id, { orgUnitId: u.id, orgUnitName: u.name, ...ZERO() }]));
  for (const a of input.accounts) {
    const u = a.orgUnitId ? byUnit.get(a.orgUnitId) : undefined;
    if (!u) continue;
    if (a.status === 'active') u.activeAccounts++;
    else if (a.status === 'disabled') u.disabledAccounts++;
  }
  for (const [unitId, counts] of input.audit) {
    const u = byUnit.get(unitId);
    if (!u) continue;
    u.logins += counts['auth.login'] ?? 0;
    u.corrections += counts['submission.request_correction'] ?? 0;
  }
  for (const r of input.rows) {
    const u = byUnit.get(r.orgUnitId);
    if (!u) continue;
    u.assigned++;
    if (r.state !== null) u.entered++;
    if (r.measuredAt !== null) u.submitted++;
    const s = statusAsOf(r, input.today);
    if (s === 'on_time') u.onTime++;
    else if (s === 'late') u.late++;
    else if (s === 'missing') u.missing++;
    else if (s === 'pending') u.pending++;
  }
  const units = [...byUnit.values()].sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName, 'vi'));
  const totals = ZERO();
  for (const u of units) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u[k];
  return {
    fromPeriod: input.fromPeriod,
    toPeriod: input.toPeriod,
    periods: input.periods,
    from: input.window.from.toISOString(),
    to: input.window.to.toISOString(),
    units,
    totals,
  };
}

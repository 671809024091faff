import { localDateOf } from '../../calendar/index.js';
import { ValidationError } from '../../../shared/errors.js';
import type { SubmissionsDeps } from '../deps.js';
import type { AssignmentInfo, TimelinessStep } from '../ports.js';
import { listByPeriod, type StoredSubmission } from '../repository/submissions.js';
import type { SubmissionState } from '../types.js';

/**
 * on_time / late: measured at the regime's step (first sent to the receiver by default, or
 * first submitted to the leader) against the deadline day, Vietnam time; not_yet_due: nothing
 * yet and the deadline has not passed; missing: nothing and it has; refused: the national
 * system refused the report and it has not been sent again (a refused report is not on time).
 */
export type TimelinessStatus = 'on_time' | 'late' | 'missing' | 'not_yet_due' | 'refused';

export const TIMELINESS_STATUSES: readonly TimelinessStatus[] = ['on_time', 'late', 'not_yet_due', 'missing', 'refused'];

export interface TimelinessRow {
  orgUnitId: string;
  assignmentId: string;
  formCode: string;
  periodKey: string;
  deadline: string | null;
  /** The step measured: 'sent' (to the receiver) or 'submitted' (to the leader). */
  step: TimelinessStep;
  /** When the step was first reached (ISO), null when not yet. */
  measuredAt: string | null;
  /** Kept for the console and the CLI: first submission to the unit's leader (ISO). */
  submittedAt: string | null;
  submissionId: string | null;
  state: SubmissionState | null;
  status: TimelinessStatus;
}

export interface UnitTimeliness {
  orgUnitId: string;
  /** The worst of its assignments (refused > missing > late > not_yet_due > on_time). */
  status: TimelinessStatus;
  onTime: number;
  late: number;
  missing: number;
  notYetDue: number;
  refused: number;
  /** Assignments whose deadline has passed: on time + late + missing + refused. */
  due: number;
  /** on time ÷ due, 0-100 with one decimal; null when nothing was due yet. */
  onTimeRate: number | null;
}

export interface TimelinessReport {
  periodKey: string;
  regimeCode: string | null;
  /** Today, Vietnam time, the day "not yet due" is judged on. */
  asOf: string;
  rows: TimelinessRow[];
  units: UnitTimeliness[];
}

const RANK: Record<TimelinessStatus, number> = { on_time: 0, not_yet_due: 1, late: 2, missing: 3, refused: 4 };

export function statusOf(
  a: AssignmentInfo,
  s: StoredSubmission | undefined,
  step: TimelinessStep,
  today: string,
): { status: TimelinessStatus; at: Date | null } {
  const at = !s ? null : step === 'submitted' ? s.firstSubmittedAt : s.firstSentAt;
  if (s?.state === 'refused') return { status: 'refused', at };
  if (at) return { status: a.deadline && localDateOf(at) > a.deadline ? 'late' : 'on_time', at };
  return { status: !a.deadline || today <= a.deadline ? 'not_yet_due' : 'missing', at: null };
}

/** Per-unit counts over any set of rows (one period, or every period of a span). */
export function summarise(rows: readonly TimelinessRow[]): UnitTimeliness[] {
  const units = new Map<string, UnitTimeliness>();
  for (const r of rows) {
    const u = units.get(r.orgUnitId) ?? {
      orgUnitId: r.orgUnitId,
      status: 'on_time' as TimelinessStatus,
      onTime: 0,
      late: 0,
      missing: 0,
      notYetDue: 0,
      refused: 0,
      due: 0,
      onTimeRate: null,
    };
    if (r.status === 'on_time') u.onTime++;
    else if (r.status === 'late') u.late++;
    else if (r.status === 'missing') u.missing++;
    else if (r.status === 'refused') u.refused++;
    else u.notYetDue++;
    if (RANK[r.status] > RANK[u.status]) u.status = r.status;
    units.set(r.orgUnitId, u);
  }
  for (const u of units.values()) {
    u.due = u.onTime + u.late + u.missing + u.refused;
    u.onTimeRate = u.due === 0 ? null : Math.round((1000 * u.onTime) / u.due) / 10;
  }
  return [...units.values()].sort((a, b) => (a.orgUnitId < b.orgUnitId ? -1 : a.orgUnitId > b.orgUnitId ? 1 : 0));
}

/**
 * Timeliness per unit for a period (ops console, annual evaluation: Hòa Bình 22, Hải Phòng 16),
 * against the deadlines the calendar gave each assignment (days off skipped).
 */
export async function timeliness(deps: SubmissionsDeps, periodKey: string, regimeCode?: string): Promise<TimelinessReport> {
  const assignments = await deps.catalog.assignmentsForPeriod(periodKey, regimeCode);
  const submissions = new Map((await listByPeriod(deps.db, periodKey)).map((s) => [s.assignmentId, s]));
  const today = localDateOf(deps.now());
  const steps = new Map<string, TimelinessStep>();
  const stepOf = async (formCode: string): Promise<TimelinessStep> => {
    const cached = steps.get(formCode);
    if (cached) return cached;
    const form = await deps.catalog.form(formCode);
    const regime = form ? await deps.catalog.regime(form.regimeCode) : null;
    const step = regime?.timelinessStep ?? 'sent';
    steps.set(formCode, step);
    return step;
  };
  const rows: TimelinessRow[] = [];
  for (const a of assignments) {
    const s = submissions.get(a.id);
    const step = await stepOf(a.formCode);
    const { status, at } = statusOf(a, s, step, today);
    rows.push({
      orgUnitId: a.orgUnitId,
      assignmentId: a.id,
      formCode: a.formCode,
      periodKey: a.periodKey,
      deadline: a.deadline ?? null,
      step,
      measuredAt: at?.toISOString() ?? null,
      submittedAt: s?.firstSubmittedAt?.toISOString() ?? null,
      submissionId: s?.id ?? null,
      state: s?.state ?? null,
      status,
    });
  }
  return { periodKey, regimeCode: regimeCode ?? null, asOf: today, rows, units: summarise(rows) };
}

export type SpanKind = 'month' | 'quarter' | 'half_year' | 'year';

export interface Span {
  kind: SpanKind;
  year: number;
  /** Month 1-12, quarter 1-4, half 1-2; absent for a year. */
  index?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period keys whose reports fall within the span: its months, and the longer periods it contains. */
export function periodKeysOf(span: Span): string[] {
  const { kind, year: y } = span;
  const i = span.index ?? 1;
  const limits: Record<SpanKind, [number, number]> = { month: [1, 12], quarter: [1, 4], half_year: [1, 2], year: [1, 1] };
  const [lo, hi] = limits[kind];
  if (!Number.isInteger(y) || y < 2000 || y > 2100 || (kind !== 'year' && (!Number.isInteger(span.index) || i < lo || i > hi))) {
    throw new ValidationError('TIMELINESS_SPAN_INVALID', `Kỳ tổng hợp không hợp lệ: ${kind} ${y}${span.index ? `/${span.index}` : ''}`, {
      span,
    });
  }
  const months =
    kind === 'month'
      ? [i]
      : kind === 'quarter'
        ? [3 * i - 2, 3 * i - 1, 3 * i]
        : kind === 'half_year'
          ? [1, 2, 3, 4, 5, 6].map((m) => m + 6 * (i - 1))
          : [...Array(12).keys()].map((m) => m + 1);
  const keys = months.map((m) => `${y}-M${pad(m)}`);
  if (kind !== 'month') for (const q of [1, 2, 3, 4]) if (months.includes(3 * q)) keys.push(`${y}-Q${q}`);
  if ((kind === 'half_year' && i === 1) || kind === 'year') keys.push(`${y}-H1`);
  if (kind === 'year') keys.push(`${y}-9M`, `${y}-Y`);
  return keys;
}

export interface SpanTimeliness {
  span: Span;
  periodKeys: string[];
  regimeCode: string | null;
  asOf: string;
  rows: TimelinessRow[];
  units: UnitTimeliness[];
}

/** Timeliness per unit over a month, a quarter, 6 months or a year (every period within it). */
export async function timelinessOver(deps: SubmissionsDeps, span: Span, regimeCode?: string): Promise<SpanTimeliness> {
  const periodKeys = periodKeysOf(span);
  const rows: TimelinessRow[] = [];
  let asOf = localDateOf(deps.now());
  for (const key of periodKeys) {
    const r = await timeliness(deps, key, regimeCode);
    rows.push(...r.rows);
    asOf = r.asOf;
  }
  return { span, periodKeys, regimeCode: regimeCode ?? null, asOf, rows, units: summarise(rows) };
}

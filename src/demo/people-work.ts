import { localDateOf } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { StoredSubmission } from '../core/submissions/repository/submissions.js';
import type { Role } from '../http/principal.js';
import { isAppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { demoActor } from './report-driver.js';
import { plausibleValues } from './plausible-values.js';
import { extendIfLocked } from './late-entry.js';
import { leaveListDraft, LIST_FORM } from './list-work.js';

/**
 * The units of the demo accounts (src/identity/seed-demo.ts): the demo traffic never drives
 * their reports, so what a person finds there is left for that person.
 */
export const PEOPLE_UNITS: readonly string[] = ['lc-x-tam-duong', 'lc-x-binh-lu'];
const PROVINCE = 'lai-chau';
const MONTHLY_FORM = 'KTXH-THANG-01';
const HALF_YEAR_REGIME = 'KTXH-6THANG';
const HALF_YEAR_FORM = 'KTXH-6THANG-01';

/** How far a piece of work is taken before it is left for a person. */
type Stop = 'draft' | 'submitted' | 'approved' | 'sent';

export interface LeftWork {
  orgUnitId: string;
  formCode: string;
  periodKey: string;
  /** The state it was left in, or why it could not be left. */
  state: string;
  /** Who finds it waiting (demo username). */
  forUser: string;
}

/**
 * What each demo account finds when it logs in (issue 15): a draft for each data-entry user, a
 * report awaiting each leader, one awaiting each clerk, a report of a sub-unit waiting to be
 * received and consolidated by the province office (`provinceAwaitingClerk` for the province
 * clerk, once the national system has answered). Idempotent: a report already there is kept.
 */
export async function leaveWorkForPeople(
  core: CoreServices,
  submissions: SubmissionsServices,
  periods: { current: string; previous: string },
  now: Date,
  random: () => number,
): Promise<LeftWork[]> {
  // The half-year report of the year (Decree 09/2019: the 6-month report covers the first half).
  const half = `${localDateOf(now).slice(0, 4)}-H1`;
  if (await core.regimes.get(HALF_YEAR_REGIME)) await core.assignments.generate(HALF_YEAR_REGIME, half);
  const plan: { unit: string; form: string; period: string; stop: Stop; forUser: string }[] = [
    { unit: 'lc-x-tam-duong', form: MONTHLY_FORM, period: periods.current, stop: 'draft', forUser: 'nhaplieu.tamduong' },
    { unit: 'lc-x-tam-duong', form: MONTHLY_FORM, period: periods.previous, stop: 'submitted', forUser: 'lanhdao.tamduong' },
    { unit: 'lc-x-tam-duong', form: HALF_YEAR_FORM, period: half, stop: 'approved', forUser: 'vanthu.tamduong' },
    { unit: 'lc-x-binh-lu', form: MONTHLY_FORM, period: periods.previous, stop: 'draft', forUser: 'nhaplieu.binhlu' },
    { unit: 'lc-x-binh-lu', form: MONTHLY_FORM, period: periods.current, stop: 'submitted', forUser: 'lanhdao.binhlu' },
    // Sent up: awaits the province leader's reception, shown on the office's consolidation page.
    { unit: 'lc-x-binh-lu', form: HALF_YEAR_FORM, period: half, stop: 'sent', forUser: 'lanhdao.tinh' },
    { unit: PROVINCE, form: HALF_YEAR_FORM, period: half, stop: 'draft', forUser: 'tonghop.tinh' },
  ];
  const left: LeftWork[] = [];
  for (const p of plan) {
    try {
      const s = await takeTo(core, submissions, p.unit, p.form, p.period, p.stop, random);
      left.push({ orgUnitId: p.unit, formCode: p.form, periodKey: p.period, state: s?.state ?? 'not assigned', forUser: p.forUser });
    } catch (err) {
      const code = isAppError(err) ? err.code : 'DEMO_FAILED';
      logger.warn('demo work not left', { ...p, code, error: (err as Error).message });
      left.push({ orgUnitId: p.unit, formCode: p.form, periodKey: p.period, state: code, forUser: p.forUser });
    }
  }
  // A list-type report (rows are records) for the province office to fill in the app.
  try {
    left.push({ orgUnitId: PROVINCE, formCode: LIST_FORM, ...(await leaveListDraft(core, submissions, now)), forUser: 'tonghop.tinh' });
  } catch (err) {
    const code = isAppError(err) ? err.code : 'DEMO_FAILED';
    logger.warn('demo list work not left', { code, error: (err as Error).message });
    left.push({ orgUnitId: PROVINCE, formCode: LIST_FORM, periodKey: '', state: code, forUser: 'tonghop.tinh' });
  }
  return left;
}

const ORDER: readonly string[] = ['draft', 'submitted', 'approved', 'sent'];

/** One unit's report of a form and period, taken through the workflow up to `stop` (never past it). */
async function takeTo(
  core: CoreServices,
  submissions: SubmissionsServices,
  unit: string,
  formCode: string,
  periodKey: string,
  stop: Stop,
  random: () => number,
): Promise<StoredSubmission | null> {
  const svc = submissions.service;
  const as = (role: Role) => demoActor(unit, role);
  const [assignment] = await core.assignments.list({ periodKey, formCode, orgUnitIds: [unit] });
  if (!assignment) return null;
  const [existing] = await svc.list(as('data_entry'), { periodKey, formCode, orgUnitId: unit, limit: 1 });
  let s = existing ?? (await svc.create(as('data_entry'), { assignmentId: assignment.id }));
  if (existing) return s;
  await extendIfLocked(core, assignment);
  const form = await core.forms.require(formCode);
  const values = plausibleValues(form, random, { unit });
  // A draft is half done: the person finishes it.
  await svc.saveValues(as('data_entry'), s.id, stop === 'draft' ? values.slice(0, Math.ceil(values.length / 2)) : values);
  if (ORDER.indexOf(stop) >= 1) s = (await svc.transition(as('data_entry'), s.id, 'submit')).submission;
  if (ORDER.indexOf(stop) >= 2) s = (await svc.transition(as('leader'), s.id, 'approve')).submission;
  if (ORDER.indexOf(stop) >= 3 && s.state === 'approved') s = (await svc.transition(as('clerk'), s.id, 'dispatch')).submission;
  return s;
}

/**
 * The province's consolidated report of the previous month, approved and signed again as a
 * correction, left for the province clerk (vanthu.tinh) to check and send. `sent`: the national
 * system has not answered yet; the caller tries again later.
 */
export async function provinceAwaitingClerk(submissions: SubmissionsServices, periodKey: string): Promise<LeftWork> {
  const svc = submissions.service;
  const work = { orgUnitId: PROVINCE, formCode: MONTHLY_FORM, periodKey, forUser: 'vanthu.tinh' };
  try {
    const [own] = await svc.list(demoActor(PROVINCE, 'data_entry'), { periodKey, formCode: MONTHLY_FORM, orgUnitId: PROVINCE, limit: 1 });
    if (!own) return { ...work, state: 'no report' };
    let s = own;
    if (s.state === 'accepted') {
      s = (await svc.transition(demoActor(PROVINCE, 'data_entry'), s.id, 'request_correction', { reason: 'Cập nhật số liệu xã gửi muộn' }))
        .submission;
    }
    if (s.state === 'draft' || s.state === 'refused' || s.state === 'returned') {
      await svc.consolidate(demoActor(PROVINCE, 'data_entry'), s.id);
      s = (await svc.transition(demoActor(PROVINCE, 'data_entry'), s.id, 'submit')).submission;
    }
    if (s.state === 'submitted') s = (await svc.transition(demoActor(PROVINCE, 'leader'), s.id, 'approve')).submission;
    return { ...work, state: s.state };
  } catch (err) {
    const code = isAppError(err) ? err.code : 'DEMO_FAILED';
    logger.warn('demo work not left', { ...work, code, error: (err as Error).message });
    return { ...work, state: code };
  }
}

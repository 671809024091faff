import { extendIfLocked } from './late-entry.js';
import { localDateOf } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { StoredSubmission } from '../core/submissions/repository/submissions.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { NationalPushServices } from '../exchange/kpi/services.js';
import type { MinistryServices } from '../ministry/services.js';
import { isAppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { approveAndSend, demoActor } from './report-driver.js';
import { showcaseLateProject, showcaseNarrative, showcaseProjects } from './showcase-reports.js';

/** The province sends to the national system (routing `national: receiver`); the demo accounts' units are not touched. */
const PROVINCE = 'lai-chau';
const NARRATIVE_REGIME = 'KTXH-6THANG';
const NARRATIVE_FORM = 'KTXH-6THANG-TM';
const LIST_REGIME = 'DTC-DUAN';
const LIST_FORM = 'DTC-DS01';
const KPI_CONNECTOR = 'bnnmt-pull';
const KPI_SOURCE = 'BNNMT';

export interface ShowcaseDeps {
  core: CoreServices;
  submissions: SubmissionsServices;
  delivery: DeliveryServices;
  nationalPush: NationalPushServices;
  ministry: MinistryServices;
  now: () => Date;
  /** Pause between two looks at a national answer (a timer in the demo). */
  pause: () => Promise<void>;
  /** How many looks before a step gives up waiting for the national system (it is then logged, not failed). */
  looks: number;
  /** The gateway is stopping: no further step starts. */
  stopped: () => boolean;
}

export interface ShowcaseStep {
  step: 'narrative' | 'narrative-correction' | 'list' | 'list-recall' | 'kpi';
  /** What happened: the submission's state, the KPI version, or why the step was left out. */
  outcome: string;
  submissionId?: string;
}

const as = (role: 'data_entry' | 'leader' | 'clerk') => demoActor(PROVINCE, role);

/**
 * The packet types the demo traffic does not produce, through the real services as the real
 * roles (the catalogs go at start, report-data with the monthly reports): a narrative report
 * (outline-submission) and, once the national system accepted it, its correction (a new
 * version + report-status DINH_CHINH); a list-type report (list-report-data), recalled
 * (report-status THU_HOI) if the national system has only received it, then sent again; KPI
 * data pulled from a ministry's system (kpi-data). Every acceptance acknowledged (DA_TIEP_NHAN).
 * Only the national system's ordinary answers are waited for, so it runs against a real
 * NATIONAL_URL as against the simulator. Idempotent: a report already taken further is kept.
 */
export async function runShowcase(deps: ShowcaseDeps): Promise<ShowcaseStep[]> {
  const steps: ShowcaseStep[] = [];
  const attempt = async (step: ShowcaseStep['step'], fn: () => Promise<ShowcaseStep[]>) => {
    if (deps.stopped()) return;
    try {
      steps.push(...(await fn()));
    } catch (err) {
      const code = isAppError(err) ? err.code : 'DEMO_FAILED';
      logger.warn('demo showcase step failed', { step, code, error: (err as Error).message });
      steps.push({ step, outcome: code });
    }
  };
  // The recall first: it needs the national system not to have accepted yet, the correction needs it to have.
  await attempt('list', () => listAndRecall(deps));
  await attempt('narrative', () => narrativeAndCorrection(deps));
  await attempt('kpi', async () => [await kpiData(deps)]);
  logger.info('demo showcase done', { steps });
  return steps;
}

/** The province's own report of a form and period: the existing one or a new draft. */
async function provinceReport(deps: ShowcaseDeps, formCode: string, periodKey: string): Promise<StoredSubmission | null> {
  const svc = deps.submissions.service;
  const [assignment] = await deps.core.assignments.list({ periodKey, formCode, orgUnitIds: [PROVINCE] });
  if (!assignment) return null;
  await extendIfLocked(deps.core, assignment, deps.now());
  const [own] = await svc.list(as('data_entry'), { periodKey, formCode, orgUnitId: PROVINCE, limit: 1 });
  return own ?? svc.create(as('data_entry'), { assignmentId: assignment.id });
}

/** Submit, the leader approves (signed), the clerk sends: what the web app's buttons do. */
const approveAndDispatch = (deps: ShowcaseDeps, id: string) => approveAndSend(deps.submissions, PROVINCE, id);

/** Looks at the report until `done` says the national system answered, or the looks run out. */
async function waitFor(deps: ShowcaseDeps, id: string, done: (s: StoredSubmission) => Promise<boolean>): Promise<StoredSubmission> {
  for (let look = 0; ; look += 1) {
    const s = (await deps.submissions.service.get(as('data_entry'), id)).submission;
    if ((await done(s)) || look >= deps.looks || deps.stopped()) return s;
    await deps.pause();
  }
}

async function narrativeAndCorrection(deps: ShowcaseDeps): Promise<ShowcaseStep[]> {
  const year = Number(localDateOf(deps.now()).slice(0, 4));
  const periodKey = `${year}-H1`;
  await deps.core.assignments.generate(NARRATIVE_REGIME, periodKey, { orgUnitIds: [PROVINCE] });
  const svc = deps.submissions.service;
  let s = await provinceReport(deps, NARRATIVE_FORM, periodKey);
  if (!s) return [{ step: 'narrative', outcome: 'not assigned' }];
  if (s.state === 'draft' && s.version === 1) {
    await svc.saveNarrative(as('data_entry'), s.id, showcaseNarrative(year, false));
    s = await approveAndDispatch(deps, s.id);
  }
  s = await waitFor(deps, s.id, async (x) => x.state !== 'sent');
  const steps: ShowcaseStep[] = [{ step: 'narrative', outcome: s.state, submissionId: s.id }];
  // A correction (đính chính) is of an accepted report: wait for the national system's acceptance.
  if (s.state !== 'accepted' || s.version > 1) return [...steps, { step: 'narrative-correction', outcome: `skipped: ${s.state}` }];
  await svc.transition(as('clerk'), s.id, 'request_correction', { reason: 'Cập nhật số liệu giải ngân theo Kho bạc Nhà nước' });
  await svc.saveNarrative(as('data_entry'), s.id, showcaseNarrative(year, true));
  const corrected = await approveAndDispatch(deps, s.id);
  return [...steps, { step: 'narrative-correction', outcome: `${corrected.state} v${corrected.version}`, submissionId: s.id }];
}

async function listAndRecall(deps: ShowcaseDeps): Promise<ShowcaseStep[]> {
  const today = localDateOf(deps.now());
  const year = Number(today.slice(0, 4));
  // A thematic regime is assigned for the window it covers: the year so far.
  await deps.core.assignments.generate(LIST_REGIME, '', { adHoc: { id: 1, windowStart: `${year}-01-01`, windowEnd: today } });
  const svc = deps.submissions.service;
  let s = await provinceReport(deps, LIST_FORM, `${year}-AH1`);
  if (!s) return [{ step: 'list', outcome: 'not assigned' }];
  if (s.state !== 'draft' || s.version > 1) return [{ step: 'list', outcome: s.state, submissionId: s.id }];
  await svc.saveRecords(as('data_entry'), s.id, showcaseProjects(year));
  s = await approveAndDispatch(deps, s.id);
  // A recall (thu hồi) reaches the national system only once the packet has left and before the
  // acceptance: a national system that accepts at once leaves nothing to recall.
  const left = async (x: StoredSubmission) =>
    x.state !== 'sent' ||
    (await deps.delivery.listPackets({ submissionId: x.id })).some((p) => p.packetType === 'list-report-data' && p.state === 'delivered');
  s = await waitFor(deps, s.id, left);
  const steps: ShowcaseStep[] = [{ step: 'list', outcome: s.state, submissionId: s.id }];
  if (s.state !== 'sent') return [...steps, { step: 'list-recall', outcome: `skipped: ${s.state}` }];
  await svc.transition(as('clerk'), s.id, 'recall', { reason: 'Bổ sung dự án khởi công trong năm' });
  await svc.saveRecords(as('data_entry'), s.id, [...showcaseProjects(year), showcaseLateProject(year)]);
  const again = await approveAndDispatch(deps, s.id);
  return [...steps, { step: 'list-recall', outcome: `${again.state} v${again.version}`, submissionId: s.id }];
}

/**
 * KPI data that is not a form: the agriculture ministry's figures pulled by its connector (its
 * own API, or the ministry simulator on a bare machine) for the latest half-year it holds, then
 * pushed to the national system in national codes.
 */
async function kpiData(deps: ShowcaseDeps): Promise<ShowcaseStep> {
  const year = Number(localDateOf(deps.now()).slice(0, 4));
  for (const periodKey of [`${year}-H1`, `${year - 1}-H1`]) {
    const run = await deps.ministry.connectors.run(KPI_CONNECTOR, 'manual', 'demo:showcase', periodKey);
    if (run.status !== 'succeeded') continue;
    const pushed = await deps.nationalPush.pushKpi(KPI_SOURCE, periodKey);
    if (pushed.version > 0) return { step: 'kpi', outcome: `${periodKey} v${pushed.version} (${pushed.observations} observations)` };
  }
  return { step: 'kpi', outcome: 'no ministry figures for the province' };
}

import { localDateOf, periodsContaining } from '../core/calendar/index.js';
import type { Assignment } from '../core/assignments/types.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import { isAppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { driveReport, type DriveOutcome } from './report-driver.js';
import { seededRandom } from './plausible-values.js';
import { PEOPLE_UNITS } from './people-work.js';

/** The monthly period containing a date, and the one before it. */
export function demoPeriods(now: Date): { current: string; previous: string } {
  const today = localDateOf(now);
  const current = periodsContaining('month', today)[0]!;
  const prevDay = new Date(`${current.windowStart}T00:00:00Z`);
  prevDay.setUTCDate(prevDay.getUTCDate() - 1);
  return { current: current.key, previous: periodsContaining('month', prevDay.toISOString().slice(0, 10))[0]!.key };
}

/**
 * Demo traffic through the real services: assignments for the monthly regimes, then reports
 * of units that have not yet submitted, driven through the workflow one at a time.
 */
export class DemoTraffic {
  readonly random = seededRandom(Date.now() % 2 ** 31);

  constructor(
    private readonly core: CoreServices,
    private readonly submissions: SubmissionsServices,
  ) {}

  /** Makes sure the monthly regimes are assigned for the period (generation is idempotent). */
  async assign(periodKey: string): Promise<void> {
    for (const regime of await this.core.regimes.list()) {
      if (regime.periodKinds.includes('month')) await this.core.assignments.generate(regime.code, periodKey);
    }
  }

  /**
   * Assignments of the period whose unit has not sent yet, in a stable order; the receivers
   * (the province) are left out: their report is consolidated as their units' reports arrive;
   * so are the units of the demo accounts, whose work is left for the people (people-work.ts).
   */
  async pending(periodKey: string): Promise<Assignment[]> {
    const report = await this.submissions.service.timeliness(periodKey);
    const unsent = new Set(report.rows.filter((r) => r.status === 'missing' || r.status === 'not_yet_due').map((r) => r.assignmentId));
    const all = await this.core.assignments.list({ periodKey });
    const receivers = new Set((await this.core.regimes.list()).flatMap((r) => (r.receiverOrgUnitId ? [r.receiverOrgUnitId] : [])));
    for (const id of new Set(all.map((a) => a.orgUnitId))) {
      if ((await this.core.orgUnits.get(id))?.parentId === null) receivers.add(id);
    }
    return all
      .filter((a) => unsent.has(a.id) && a.status === 'open' && !receivers.has(a.orgUnitId) && !PEOPLE_UNITS.includes(a.orgUnitId))
      .sort((x, y) => x.orgUnitId.localeCompare(y.orgUnitId));
  }

  /** Sends up to `count` reports of the period; failures are logged with their code and skipped. */
  async send(periodKey: string, count: number): Promise<DriveOutcome[]> {
    const done: DriveOutcome[] = [];
    let sent = 0;
    for (const a of await this.pending(periodKey)) {
      if (sent >= count) break;
      try {
        const outcome = await driveReport(this.core, this.submissions, a, this.random);
        done.push(outcome);
        if ('submissionId' in outcome) {
          sent += 1;
          logger.info('demo report sent', { ...outcome, periodKey });
        }
      } catch (err) {
        const code = isAppError(err) ? err.code : 'DEMO_FAILED';
        done.push({ assignmentId: a.id, skipped: code });
        logger.warn('demo report failed', { assignmentId: a.id, code, error: (err as Error).message });
      }
    }
    return done;
  }
}

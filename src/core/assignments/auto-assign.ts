import type { ScheduledJob } from '../../scheduling/scheduler.js';
import { logger } from '../../shared/logger.js';
import type { PeriodKind } from '../approved-report.js';
import { localDateOf } from '../calendar/index.js';
import type { CoreServices } from '../core-services.js';
import { currentAndNextPeriods } from '../periods/upcoming.js';

/**
 * Automatic assignment (giao báo cáo tự động): every periodic regime's forms go to its
 * assignees for the period being reported on and the next one, so units see their work before
 * the window opens. Generation is idempotent, so running it again (or on two instances sharing
 * one PostgreSQL) creates nothing twice. A regime that fails is logged and skipped: one bad
 * regime must not hold back the others.
 */
export async function assignUpcomingPeriods(core: CoreServices, now: Date): Promise<number> {
  let created = 0;
  const today = localDateOf(now);
  for (const regime of await core.regimes.list()) {
    if (regime.type !== 'periodic' || regime.formCodes.length === 0) continue;
    for (const kind of regime.periodKinds) {
      if (kind === 'ad_hoc') continue;
      for (const period of currentAndNextPeriods(kind as Exclude<PeriodKind, 'ad_hoc'>, today, core.cutoffRules)) {
        try {
          created += (await core.assignments.generate(regime.code, period.key)).length;
        } catch (err) {
          logger.error('automatic assignment failed', { regime: regime.code, periodKey: period.key, error: (err as Error).message });
        }
      }
    }
  }
  return created;
}

/** The assignment as a scheduled job (Vietnam time): once per slot across every gateway instance. */
export function autoAssignJob(core: CoreServices, now: () => Date, pattern: string): ScheduledJob {
  return {
    id: 'core:auto-assign',
    pattern,
    async run() {
      const created = await assignUpcomingPeriods(core, now());
      if (created > 0) logger.info('automatic assignment', { created });
    },
  };
}

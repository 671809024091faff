import { Cron } from 'croner';
import { DEFAULT_TIMEZONE, type ScheduledJob } from './scheduler.js';

/** The first slot of `job` strictly after `after` (cron in its time zone, or the next multiple of everyMs). */
export function nextSlot(job: Pick<ScheduledJob, 'pattern' | 'everyMs' | 'timezone'>, after: Date): Date | null {
  if (job.everyMs !== undefined) return new Date((Math.floor(after.getTime() / job.everyMs) + 1) * job.everyMs);
  const cron = new Cron(job.pattern!, { timezone: job.timezone ?? DEFAULT_TIMEZONE, paused: true });
  try {
    return cron.nextRun(after) ?? null;
  } finally {
    cron.stop();
  }
}

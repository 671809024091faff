import { ValidationError } from '../shared/errors.js';

/**
 * One scheduling service for every periodic job of the gateway (connectors, automatic
 * assignment, reminders, backups, time-stamping, ...): each job runs once per schedule slot
 * across any number of gateway instances. BullMQ job schedulers on Redis when REDIS_URL is set
 * (one scheduler entry per job id, one job per slot, one worker takes it); an in-process timer
 * when embedded (one process by construction: PGlite is locked to it).
 */
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export interface ScheduledRun {
  jobId: string;
  /** The slot this run is for (the same on whichever instance runs it). */
  scheduledAt: Date;
}

export interface ScheduledJob {
  /** Stable id, the same on every instance (namespace it: `area:name`). */
  id: string;
  /** Cron pattern (5 or 6 fields, seconds first when 6), in `timezone`. */
  pattern?: string;
  /** Or a fixed period in milliseconds (slots aligned on multiples of it). */
  everyMs?: number;
  /** Time zone of `pattern`; default Asia/Ho_Chi_Minh. */
  timezone?: string;
  run(run: ScheduledRun): Promise<void>;
}

export interface ScheduledJobInfo {
  id: string;
  pattern: string | null;
  everyMs: number | null;
  timezone: string;
  nextRun: Date | null;
}

export interface JobScheduler {
  readonly driver: 'bullmq' | 'memory';
  /** Adds or updates a job; before `start()` it is only remembered here. */
  register(job: ScheduledJob): Promise<void>;
  /** This instance stops handling the job; the shared schedule stays for the other instances. */
  unregister(id: string): Promise<void>;
  /** Deletes the schedule everywhere (a job that no longer exists). */
  remove(id: string): Promise<void>;
  list(): ScheduledJobInfo[];
  /** Runs a registered job once now, in this instance (CLI, tests). */
  runNow(id: string): Promise<void>;
  /** Begins running jobs (the gateway's start). */
  start(): Promise<void>;
  /** Stops taking runs and waits for the active ones. */
  stop(): Promise<void>;
}

/** Exactly one of pattern / everyMs, and an id usable as a Redis key part. */
export function checkJob(job: ScheduledJob): void {
  if (!/^[A-Za-z0-9._-]+(?::[A-Za-z0-9._-]+)*$/.test(job.id))
    throw new ValidationError('SCHEDULE_ID_INVALID', `Scheduled job id "${job.id}" is malformed`);
  if ((job.pattern === undefined) === (job.everyMs === undefined)) {
    throw new ValidationError('SCHEDULE_INVALID', `Scheduled job ${job.id} needs exactly one of pattern or everyMs`);
  }
  if (job.everyMs !== undefined && (!Number.isInteger(job.everyMs) || job.everyMs < 1)) {
    throw new ValidationError('SCHEDULE_INVALID', `Scheduled job ${job.id}: everyMs must be a positive integer`);
  }
}

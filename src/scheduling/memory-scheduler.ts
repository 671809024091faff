import { logger } from '../shared/logger.js';
import { nextSlot } from './next-run.js';
import { checkJob, DEFAULT_TIMEZONE, type JobScheduler, type ScheduledJob, type ScheduledJobInfo } from './scheduler.js';
import { ValidationError } from '../shared/errors.js';

export interface MemorySchedulerOptions {
  now: () => Date;
  /** false: no timer, the caller drives `tick()` (tests with an injected clock). Default true. */
  timer?: boolean;
  /** Longest sleep between two checks of the clock (a changed system clock is seen by then). */
  maxSleepMs?: number;
}

interface Entry {
  job: ScheduledJob;
  due: Date | null;
  running: Promise<void> | null;
}

/**
 * The embedded driver: one process (PGlite is locked to it), so "once across instances" is
 * "once here". A slot missed while the process slept or while the previous run was still going
 * is skipped, not replayed in a burst (as croner's `protect`).
 */
export class MemoryScheduler implements JobScheduler {
  readonly driver = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private started = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MemorySchedulerOptions) {}

  async register(job: ScheduledJob): Promise<void> {
    checkJob(job);
    const previous = this.entries.get(job.id);
    this.entries.set(job.id, { job, due: nextSlot(job, this.options.now()), running: previous?.running ?? null });
    this.arm();
  }

  async unregister(id: string): Promise<void> {
    this.entries.delete(id);
  }

  remove(id: string): Promise<void> {
    return this.unregister(id);
  }

  list(): ScheduledJobInfo[] {
    return [...this.entries.values()].map(({ job, due }) => ({
      id: job.id,
      pattern: job.pattern ?? null,
      everyMs: job.everyMs ?? null,
      timezone: job.timezone ?? DEFAULT_TIMEZONE,
      nextRun: due,
    }));
  }

  async runNow(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new ValidationError('SCHEDULE_UNKNOWN', `No scheduled job ${id}`);
    await entry.job.run({ jobId: id, scheduledAt: this.options.now() });
  }

  /** Runs every job whose slot has come (once each), then waits for those runs. */
  async tick(): Promise<void> {
    if (!this.started) return;
    const now = this.options.now();
    const runs: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      if (!entry.due || entry.due > now) continue;
      const scheduledAt = entry.due;
      entry.due = nextSlot(entry.job, now);
      if (entry.running) {
        logger.warn('scheduled job still running, slot skipped', { job: entry.job.id, scheduledAt: scheduledAt.toISOString() });
        continue;
      }
      const run = this.execute(entry, scheduledAt);
      entry.running = run;
      runs.push(run);
    }
    await Promise.all(runs);
  }

  private async execute(entry: Entry, scheduledAt: Date): Promise<void> {
    try {
      await entry.job.run({ jobId: entry.job.id, scheduledAt });
    } catch (err) {
      logger.error('scheduled job failed', { job: entry.job.id, scheduledAt: scheduledAt.toISOString(), error: (err as Error).message });
    } finally {
      entry.running = null;
    }
  }

  async start(): Promise<void> {
    this.started = true;
    this.arm();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.entries.values()].map((e) => e.running));
  }

  /** One timer for the earliest slot. */
  private arm(): void {
    if (!this.started || this.options.timer === false) return;
    clearTimeout(this.timer);
    const dues = [...this.entries.values()].flatMap((e) => (e.due ? [e.due.getTime()] : []));
    if (dues.length === 0) return;
    const wait = Math.min(Math.max(0, Math.min(...dues) - this.options.now().getTime()), this.options.maxSleepMs ?? 60_000);
    this.timer = setTimeout(() => {
      // tick() moves every due slot on before its first await, so the next timer can be set at once.
      void this.tick();
      this.arm();
    }, wait);
    this.timer.unref();
  }
}

import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { queueRedisOptions, redisLinkSettings, watchRedisLink, type RedisLinkSettings } from '../shared/redis-link.js';
import { nextSlot } from './next-run.js';
import { checkJob, DEFAULT_TIMEZONE, type JobScheduler, type ScheduledJob, type ScheduledJobInfo } from './scheduler.js';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** Redis key prefix shared by the instances that must run each job once (QUEUE_PREFIX). */
  prefix: string;
  queueName?: string;
  /** Runs in flight per instance (different jobs; one slot is always one job). */
  concurrency?: number;
  /** How long a run may wait for its handler to be registered in this instance. */
  handlerWaitMs?: number;
  /** BullMQ job lock; a run held by a dead instance is taken over after it. */
  lockDurationMs?: number;
  /** Connect timeout and the silent-link watchdog (REDIS_*_SECONDS); defaults when absent. */
  link?: RedisLinkSettings;
}

/**
 * Every instance upserts the same job schedulers (idempotent: one entry per id in Redis);
 * BullMQ adds one job per slot with the id `repeat:<id>:<slot millis>`, so a slot exists once
 * whatever the number of instances, and one worker takes it.
 */
export class BullmqScheduler implements JobScheduler {
  readonly driver = 'bullmq' as const;
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private connection: Redis | undefined;
  /** The worker's own link: BullMQ does not close a connection it was given. */
  private workerConnection: Redis | undefined;
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private started = false;
  private readonly unwatch: (() => void)[] = [];

  constructor(private readonly options: BullmqSchedulerOptions) {}

  async register(job: ScheduledJob): Promise<void> {
    checkJob(job);
    this.jobs.set(job.id, job);
    for (const wake of this.waiting.get(job.id)?.splice(0) ?? []) wake();
    if (this.started) await this.upsert(job);
  }

  async unregister(id: string): Promise<void> {
    this.jobs.delete(id);
  }

  async remove(id: string): Promise<void> {
    this.jobs.delete(id);
    if (this.started) await this.queue!.removeJobScheduler(id);
  }

  list(): ScheduledJobInfo[] {
    const now = new Date();
    return [...this.jobs.values()].map((job) => ({
      id: job.id,
      pattern: job.pattern ?? null,
      everyMs: job.everyMs ?? null,
      timezone: job.timezone ?? DEFAULT_TIMEZONE,
      nextRun: nextSlot(job, now),
    }));
  }

  async runNow(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) throw new ValidationError('SCHEDULE_UNKNOWN', `No scheduled job ${id}`);
    await job.run({ jobId: id, scheduledAt: new Date() });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const link = this.options.link ?? redisLinkSettings();
    const connection = new Redis(this.options.redisUrl, queueRedisOptions(link));
    this.unwatch.push(watchRedisLink(connection, 'schedules', link));
    this.connection = connection;
    this.queue = new Queue(this.options.queueName ?? 'schedules', { connection, prefix: this.options.prefix });
    this.queue.on('error', (err) => logger.warn('schedule queue error', { error: err.message }));
    for (const job of this.jobs.values()) await this.upsert(job);
    // A Redis that restarted without its data lost the job schedulers (the delivery sweeper among
    // them, so lost queue jobs were never put back): every reconnect restores them (idempotent).
    connection.on('ready', () => {
      if (!this.started) return;
      void Promise.all([...this.jobs.values()].map((j) => this.upsert(j))).catch((err: Error) =>
        logger.warn('job schedulers not restored after a Redis reconnect', { error: err.message }),
      );
    });
    const workerConnection = connection.duplicate();
    this.workerConnection = workerConnection;
    this.unwatch.push(watchRedisLink(workerConnection, 'schedules-worker', link));
    this.worker = new Worker(this.queue.name, (j: Job) => this.process(j), {
      connection: workerConnection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 4,
      lockDuration: this.options.lockDurationMs ?? 60_000,
    });
    this.worker.on('error', (err) => logger.warn('schedule worker error', { error: err.message }));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const stop of this.unwatch.splice(0)) stop();
    // Schedulers stay in Redis for the other instances; this one only stops taking runs.
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
    this.workerConnection?.disconnect();
    for (const wakes of this.waiting.values()) for (const wake of wakes.splice(0)) wake();
  }

  /**
   * Upserts only when the schedule is new or changed, under a short Redis lock: re-upserting an
   * `every` scheduler restarts its series, so three instances starting together would each add
   * a slot of their own.
   */
  private async upsert(job: ScheduledJob): Promise<void> {
    // `every` slots aligned on multiples of the period (BullMQ would start the series at the upsert).
    const repeat =
      job.pattern !== undefined
        ? { pattern: job.pattern, tz: job.timezone ?? DEFAULT_TIMEZONE }
        : { every: job.everyMs!, startDate: nextSlot(job, new Date())!.getTime() };
    await this.withLock(`${this.options.prefix}:schedules:upsert-lock:${job.id}`, async () => {
      const existing = await this.queue!.getJobScheduler(job.id);
      const same =
        existing &&
        existing.next !== undefined &&
        (job.pattern !== undefined
          ? existing.pattern === job.pattern && existing.tz === repeat.tz
          : Number(existing.every) === job.everyMs);
      if (same) return;
      await this.queue!.upsertJobScheduler(job.id, repeat, {
        name: job.id,
        data: {},
        // A slot's job is removed once run: the scheduler, not job retention, is the record.
        opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
      });
    });
  }

  private async withLock(key: string, work: () => Promise<void>): Promise<void> {
    const token = randomUUID();
    for (let i = 0; ; i++) {
      if ((await this.connection!.set(key, token, 'PX', 10_000, 'NX')) === 'OK') break;
      if (i > 400) throw new Error(`schedule lock ${key} not obtained`);
      await new Promise((r) => setTimeout(r, 25));
    }
    try {
      await work();
    } finally {
      if ((await this.connection!.get(key)) === token) await this.connection!.del(key);
    }
  }

  private async process(j: Job): Promise<void> {
    const id = j.repeatJobKey ?? j.name;
    const job = this.jobs.get(id) ?? (await this.waitForHandler(id));
    if (!job) throw new Error(`no handler registered for scheduled job ${id} in this instance`);
    // The slot is in the job id BullMQ gives each iteration: repeat:<scheduler id>:<slot millis>.
    const slot = Number(String(j.id).split(':').pop());
    const scheduledAt = new Date(Number.isFinite(slot) ? slot : j.timestamp);
    try {
      await job.run({ jobId: id, scheduledAt });
    } catch (err) {
      logger.error('scheduled job failed', { job: id, scheduledAt: scheduledAt.toISOString(), error: (err as Error).message });
      throw err;
    }
  }

  /** A run can arrive before a module registered its job in this instance (start order). */
  private waitForHandler(id: string): Promise<ScheduledJob | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), this.options.handlerWaitMs ?? 30_000);
      const list = this.waiting.get(id) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve(this.jobs.get(id));
      });
      this.waiting.set(id, list);
    });
  }
}

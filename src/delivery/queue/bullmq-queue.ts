import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { logger } from '../../shared/logger.js';
import { queueRedisOptions, redisLinkSettings, watchRedisLink, type RedisLinkSettings } from '../../shared/redis-link.js';
import { HANDLER_ERROR_RETRY_MS, type DeliveryJob, type DeliveryQueue, type JobHandler, type QueueCounts } from './queue.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Redis key prefix (QUEUE_PREFIX); tests use a unique one each. */
  prefix: string;
  queueName?: string;
  /** How long a worker's lock on a job lasts; a crashed worker's jobs are recovered after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Connect timeout and the silent-link watchdog (REDIS_*_SECONDS); defaults when absent. */
  link?: RedisLinkSettings;
}

/** BullMQ refuses integer-like ids and ':'; the packet id travels in the job data anyway. */
function jobIdOf(packetId: string): string {
  return `p-${encodeURIComponent(packetId)}`;
}

/**
 * BullMQ on Redis: shared by every gateway instance; a job locked by a worker that died is
 * moved back to waiting by another worker's stalled-job check.
 */
export class BullmqQueue implements DeliveryQueue {
  readonly driver = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  private readonly linkSettings: RedisLinkSettings;
  private readonly unwatch: (() => void)[] = [];

  constructor(private readonly options: BullmqQueueOptions) {
    // Commands wait for Redis to come back instead of failing (BullMQ requires it for workers);
    // ioredis reconnects by itself and the watchdog notices a link that went silent.
    this.linkSettings = options.link ?? redisLinkSettings();
    this.connection = new Redis(options.redisUrl, queueRedisOptions(this.linkSettings));
    this.unwatch.push(watchRedisLink(this.connection, 'queue', this.linkSettings));
    this.queue = new Queue(options.queueName ?? 'delivery', { connection: this.connection, prefix: options.prefix });
    this.queue.on('error', (err) => logger.warn('delivery queue error', { error: err.message }));
  }

  async add(jobs: DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: 'deliver',
        data: { packetId: j.packetId },
        // Finished jobs are removed: idempotency lives in the packet row, not in job retention.
        opts: {
          jobId: jobIdOf(j.packetId),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 5,
          backoff: { type: 'exponential', delay: HANDLER_ERROR_RETRY_MS },
        },
      })),
    );
  }

  process(handler: JobHandler, options: { concurrency: number }): void {
    const processor = async (job: Job<DeliveryJob>, token?: string) => {
      const outcome = await handler({ packetId: job.data.packetId });
      if (outcome?.retryAfterMs !== undefined) {
        // Rescheduling keeps the job id (so adds stay deduplicated) and does not spend a BullMQ attempt.
        await job.moveToDelayed(Date.now() + Math.max(1, outcome.retryAfterMs), token);
        throw new DelayedError();
      }
    };
    const workerConnection = this.connection.duplicate();
    this.unwatch.push(watchRedisLink(workerConnection, 'worker', this.linkSettings));
    this.workerConnection = workerConnection;
    this.worker = new Worker<DeliveryJob>(this.queue.name, processor, {
      connection: workerConnection,
      prefix: this.options.prefix,
      concurrency: options.concurrency,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? this.options.lockDurationMs ?? 30_000,
      maxStalledCount: 5,
    });
    this.worker.on('error', (err) => logger.warn('delivery worker error', { error: err.message }));
    this.worker.on('failed', (job, err) => {
      if (job) logger.error('delivery job failed', { packetId: job.data.packetId, error: err.message });
    });
  }

  async pause(): Promise<void> {
    await this.worker?.pause();
  }

  async resume(): Promise<void> {
    this.worker?.resume();
  }

  link(): { ok: boolean; detail: string } {
    const states = [this.connection.status, ...(this.workerConnection ? [this.workerConnection.status] : [])];
    return { ok: states.every((s) => s === 'ready'), detail: `redis ${states.join('/')}` };
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0 };
  }

  async close(): Promise<void> {
    for (const stop of this.unwatch.splice(0)) stop();
    await this.worker?.close();
    await this.workerConnection?.quit().catch(() => this.workerConnection?.disconnect());
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  /** Tests and benches: removes every key of this queue. */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}

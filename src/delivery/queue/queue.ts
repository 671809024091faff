/**
 * The queue port. Two drivers implement it: BullMQ on Redis (production, several gateway
 * instances) and an in-process driver (embedded default). The delivery engine sees only this;
 * one conformance suite (test/delivery/queue-conformance.test.ts) runs against both.
 *
 * The database stays the source of truth: a job only names a packet, so a lost queue (process
 * crash with the in-process driver, Redis restart without persistence) is rebuilt from packet
 * states by the sweeper.
 */
export interface DeliveryJob {
  packetId: string;
}

/** What the handler asks of the queue when it returns. */
export interface JobOutcome {
  /** Run the same job again after this delay (retry with backoff, circuit open). */
  retryAfterMs?: number;
}

export type JobHandler = (job: DeliveryJob) => Promise<JobOutcome | void>;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
}

export interface DeliveryQueue {
  readonly driver: 'memory' | 'bullmq';
  /**
   * Adds jobs; a job whose packet already has a pending (waiting, delayed or active) job is
   * ignored, so the relay and the sweeper may add the same packet twice safely.
   */
  add(jobs: DeliveryJob[]): Promise<void>;
  /** Starts consuming with at most `concurrency` handlers at once. A throwing handler's job runs again later. */
  process(handler: JobHandler, options: { concurrency: number }): void;
  pause(): Promise<void>;
  resume(): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Whether the queue's backing store is reachable now (Redis connection state); absent = always. */
  link?(): { ok: boolean; detail: string };
  /** Graceful: stops taking jobs and waits for the active ones to finish. */
  close(): Promise<void>;
}

/** Delay before a job whose handler threw (database down, bug) runs again. */
export const HANDLER_ERROR_RETRY_MS = 1_000;

import { logger } from '../../shared/logger.js';
import { HANDLER_ERROR_RETRY_MS, type DeliveryJob, type DeliveryQueue, type JobHandler, type QueueCounts } from './queue.js';

/**
 * In-process driver for the embedded default (one gateway, PGlite). Jobs live in memory only;
 * after a restart the sweeper re-adds every unfinished packet from the database.
 */
export class MemoryQueue implements DeliveryQueue {
  readonly driver = 'memory' as const;
  private readonly waiting: string[] = [];
  private readonly waitingSet = new Set<string>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private readonly active = new Set<string>();
  private handler: JobHandler | undefined;
  private concurrency = 1;
  private paused = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  private pending(id: string): boolean {
    return this.delayed.has(id) || this.waitingSet.has(id);
  }

  async add(jobs: DeliveryJob[]): Promise<void> {
    if (this.closed) return;
    for (const { packetId } of jobs) {
      // Same as BullMQ: a job id that is waiting, delayed or active is not added twice.
      if (this.pending(packetId) || this.active.has(packetId)) continue;
      this.enqueue(packetId);
    }
    this.pump();
  }

  process(handler: JobHandler, options: { concurrency: number }): void {
    this.handler = handler;
    this.concurrency = Math.max(1, options.concurrency);
    this.pump();
  }

  private pump(): void {
    while (this.handler && !this.paused && !this.closed && this.active.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.waitingSet.delete(id);
      this.active.add(id);
      void this.run(id);
    }
  }

  private async run(id: string): Promise<void> {
    let retryAfterMs: number | undefined;
    try {
      retryAfterMs = (await this.handler!({ packetId: id }))?.retryAfterMs;
    } catch (err) {
      logger.error('delivery job failed; it runs again', { packetId: id, error: (err as Error).message });
      retryAfterMs = HANDLER_ERROR_RETRY_MS;
    }
    this.active.delete(id);
    if (retryAfterMs !== undefined && !this.closed && !this.pending(id)) this.schedule(id, retryAfterMs);
    if (this.active.size === 0) for (const w of this.idleWaiters.splice(0)) w();
    this.pump();
  }

  private enqueue(id: string): void {
    this.waiting.push(id);
    this.waitingSet.add(id);
  }

  private schedule(id: string, ms: number): void {
    const timer = setTimeout(
      () => {
        this.delayed.delete(id);
        if (!this.waitingSet.has(id)) this.enqueue(id);
        this.pump();
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.delayed.set(id, timer);
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
    this.pump();
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.length, active: this.active.size, delayed: this.delayed.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.delayed.values()) clearTimeout(t);
    this.delayed.clear();
    if (this.active.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}

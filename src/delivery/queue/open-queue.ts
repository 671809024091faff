import { BullmqQueue } from './bullmq-queue.js';
import { MemoryQueue } from './memory-queue.js';
import type { DeliveryQueue } from './queue.js';

/** BullMQ when REDIS_URL is set, else the in-process driver. */
export function openDeliveryQueue(options: { redisUrl?: string; prefix: string; lockDurationMs?: number }): DeliveryQueue {
  return options.redisUrl
    ? new BullmqQueue({ redisUrl: options.redisUrl, prefix: options.prefix, lockDurationMs: options.lockDurationMs })
    : new MemoryQueue();
}

import type { RedisLinkSettings } from '../../shared/redis-link.js';
import { BullmqQueue } from './bullmq-queue.js';
import { MemoryQueue } from './memory-queue.js';
import type { DeliveryQueue } from './queue.js';

/** BullMQ when REDIS_URL is set, else the in-process driver. */
export function openDeliveryQueue(options: {
  redisUrl?: string;
  prefix: string;
  lockDurationMs?: number;
  link?: RedisLinkSettings;
}): DeliveryQueue {
  return options.redisUrl
    ? new BullmqQueue({ redisUrl: options.redisUrl, prefix: options.prefix, lockDurationMs: options.lockDurationMs, link: options.link })
    : new MemoryQueue();
}

import type { RedisLinkSettings } from '../shared/redis-link.js';
import { BullmqScheduler } from './bullmq-scheduler.js';
import { MemoryScheduler } from './memory-scheduler.js';
import type { JobScheduler } from './scheduler.js';

/** BullMQ job schedulers when REDIS_URL is set (shared by every instance), else in-process. */
export function openScheduler(options: { redisUrl?: string; prefix: string; now: () => Date; link?: RedisLinkSettings }): JobScheduler {
  return options.redisUrl
    ? new BullmqScheduler({ redisUrl: options.redisUrl, prefix: options.prefix, link: options.link })
    : new MemoryScheduler({ now: options.now });
}

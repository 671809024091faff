import type { DeliveryQueue } from './queue.js';

/**
 * The queues the composition root opens once (src/app/adapters/queues-module.ts): BullMQ on Redis
 * when REDIS_URL is set, else in-process. Each is closed by the area that consumes it, after its
 * own work has drained (the delivery engine, the notifier).
 */
export interface DeliveryQueues {
  /** Outbound packets (QUEUE_PREFIX, DELIVERY_LOCK_MS, the Redis link bounds). */
  delivery: DeliveryQueue;
  /** Notifications' e-mails and webhooks (`<QUEUE_PREFIX>-notify`). */
  notifications: DeliveryQueue;
}

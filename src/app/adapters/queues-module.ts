import { openDeliveryQueue } from '../../delivery/queue/open-queue.js';
import type { DeliveryQueues } from '../../delivery/queue/queues.js';
import type { GatewayModule, NoServices } from '../../gateway/module.js';
import { redisLinkFrom } from '../../shared/redis-link.js';

/**
 * The delivery and notification queues, opened once in the composition root from the typed
 * settings (REDIS_URL, QUEUE_PREFIX, DELIVERY_LOCK_MS, REDIS_*_SECONDS) and handed to delivery
 * and notifications as `queues`; neither area reads a queue setting. `overrides` replaces a
 * queue (tests hand the delivery engine a queue they watch).
 */
export function createQueuesModule(overrides: Partial<DeliveryQueues> = {}): GatewayModule<NoServices, { queues: DeliveryQueues }> {
  return {
    name: 'queues',
    requires: {},
    provides: { queues: true },
    async init(ctx) {
      const { settings, redisUrl } = ctx.config;
      const queues: DeliveryQueues = {
        delivery:
          overrides.delivery ??
          openDeliveryQueue({
            redisUrl,
            prefix: settings.QUEUE_PREFIX,
            lockDurationMs: Math.floor(settings.DELIVERY_LOCK_MS),
            link: redisLinkFrom(settings),
          }),
        // The same Redis wait bounds as every other link: an unreachable Redis fails both queues alike.
        notifications:
          overrides.notifications ??
          openDeliveryQueue({ redisUrl, prefix: `${settings.QUEUE_PREFIX}-notify`, link: redisLinkFrom(settings) }),
      };
      return { services: { queues } };
    },
  };
}

export const queuesModule = createQueuesModule();

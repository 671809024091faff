import type { DeliveryServices } from '../delivery/services.js';
import type { Services } from '../gateway/services.js';

/**
 * `ctx.services.delivery` when the delivery module has started (it publishes the
 * `DeliveryServices` port); undefined otherwise, so the console and health checks can say
 * "not started" instead of crashing.
 */
export function deliveryServicesOf(services: Services): DeliveryServices | undefined {
  const candidate: unknown = services.delivery;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const d = candidate as Partial<DeliveryServices>;
  return typeof d.summary === 'function' && typeof d.circuits === 'function' && typeof d.queueDepths === 'function'
    ? (candidate as DeliveryServices)
    : undefined;
}

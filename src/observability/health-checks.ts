import type { HealthCheck } from '../gateway/context.js';
import type { DeliveryServices } from '../delivery/services.js';

/**
 * Readiness of the delivery side: the queue answers (its depth can be read) and at least one
 * channel can take packets. One open circuit is not "unready": the fallback channel exists for
 * exactly that; every circuit open means nothing can leave the province.
 */
export function deliveryHealthChecks(delivery: DeliveryServices): HealthCheck[] {
  return [
    {
      name: 'queue',
      async check() {
        const depths = await delivery.queueDepths();
        const detail = Object.entries(depths).map(([q, n]) => `${q}=${n}`).join(', ');
        return { ok: true, detail: detail || 'no queues' };
      },
    },
    {
      name: 'channels',
      async check() {
        const circuits = delivery.circuits();
        const detail = circuits.map((c) => `${c.channel}=${c.state}`).join(', ');
        if (circuits.length === 0) return { ok: true, detail: 'no channels' };
        return { ok: circuits.some((c) => c.state !== 'open'), detail };
      },
    },
  ];
}

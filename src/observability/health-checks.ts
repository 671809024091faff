import type { HealthCheck } from '../gateway/module.js';
import type { DeliveryServices } from '../delivery/services.js';

/**
 * Readiness of the delivery side: the queue answers (its depth can be read) and at least one
 * channel can take packets. One open circuit is not "unready": the fallback channel exists for
 * exactly that; every circuit open means nothing can leave the province. Without a national
 * channel (no NATIONAL_URL, no simulator) every approved report would wait forever with
 * CHANNEL_NOT_CONFIGURED, so that instance is not ready either.
 */
export function deliveryHealthChecks(delivery: DeliveryServices): HealthCheck[] {
  return [
    {
      name: 'queue',
      async check() {
        const depths = await delivery.queueDepths();
        const detail = Object.entries(depths)
          .map(([q, n]) => `${q}=${n}`)
          .join(', ');
        return { ok: true, detail: detail || 'no queues' };
      },
    },
    {
      name: 'channels',
      async check() {
        const circuits = delivery.circuits();
        const detail = circuits.map((c) => `${c.channel}=${c.state}`).join(', ');
        if (!circuits.some((c) => c.channel === 'national')) {
          return { ok: false, detail: `national channel not configured (NATIONAL_URL)${detail ? `; ${detail}` : ''}` };
        }
        return { ok: circuits.some((c) => c.state !== 'open'), detail };
      },
    },
  ];
}

import { Gauge } from 'prom-client';
import type { DeliveryServices } from '../delivery/services.js';
import { metricsRegistry } from './registry.js';

let source: DeliveryServices | undefined;

/**
 * Queue depths are read from the delivery engine when Prometheus scrapes,
 * rather than pushed, so they can never be stale. One gateway has one delivery engine: the
 * latest module init wins (tests start several gateways in one process).
 */
export function observeDelivery(delivery: DeliveryServices | undefined): void {
  source = delivery;
}

function gauge(name: string, help: string, label: string, collect: (g: Gauge<string>) => Promise<void> | void): void {
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      await collect(this);
    },
  });
}

/**
 * Depth per queue (outbox, delivery, ...). Circuit state per channel is the delivery engine's
 * own `lienthong_delivery_circuit_state`; it is not duplicated here.
 */
export function registerDeliveryGauges(): void {
  gauge('lienthong_queue_depth', 'Packets waiting per delivery queue', 'queue', async (g) => {
    if (!source) return;
    for (const [queue, depth] of Object.entries(await source.queueDepths())) g.set({ queue }, depth);
  });
}

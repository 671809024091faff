import { Gauge } from 'prom-client';
import type { DeliveryServices } from '../delivery/services.js';
import { metricsRegistry } from './registry.js';

/** Circuit state as a number, the way Grafana state timelines expect it. */
export const CIRCUIT_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

let source: DeliveryServices | undefined;

/**
 * Queue depth and circuit state are read from the delivery engine when Prometheus scrapes,
 * rather than pushed, so they can never be stale. One gateway has one delivery engine: the
 * latest module init wins (tests start several gateways in one process).
 */
export function observeDelivery(delivery: DeliveryServices | undefined): void {
  source = delivery;
}

function gauge(name: string, help: string, label: string, collect: (g: Gauge<string>) => Promise<void> | void): void {
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name, help, labelNames: [label], registers: [metricsRegistry],
    async collect() {
      this.reset();
      await collect(this);
    },
  });
}

export function registerDeliveryGauges(): void {
  gauge('lienthong_queue_depth', 'Packets waiting per delivery queue', 'queue', async (g) => {
    if (!source) return;
    for (const [queue, depth] of Object.entries(await source.queueDepths())) g.set({ queue }, depth);
  });
  gauge('lienthong_circuit_state', 'Circuit breaker state per channel: 0 closed, 1 half open, 2 open', 'channel', (g) => {
    if (!source) return;
    for (const c of source.circuits()) g.set({ channel: c.channel }, CIRCUIT_STATE_VALUE[c.state]);
  });
}

import { Counter, Gauge, Histogram } from 'prom-client';
import { metricOnce, metricsRegistry } from '../observability/registry.js';

/**
 * Delivery metrics on the shared registry (the observability module serves /metrics). Declared
 * once per process: several gateways in one test process share them.
 */
export const deliveryLatency = metricOnce(
  'lienthong_delivery_latency_seconds',
  () =>
    new Histogram({
      name: 'lienthong_delivery_latency_seconds',
      help: 'Duration of one delivery attempt per channel and outcome',
      labelNames: ['channel', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metricsRegistry],
    }),
);

export const deliveryAttempts = metricOnce(
  'lienthong_delivery_attempts_total',
  () =>
    new Counter({
      name: 'lienthong_delivery_attempts_total',
      help: 'Delivery attempts per channel and outcome (ok, retry, failed)',
      labelNames: ['channel', 'outcome'],
      registers: [metricsRegistry],
    }),
);

export const deliveryFailures = metricOnce(
  'lienthong_delivery_failures_total',
  () =>
    new Counter({
      name: 'lienthong_delivery_failures_total',
      help: 'Failed delivery attempts per channel and error code',
      labelNames: ['channel', 'code'],
      registers: [metricsRegistry],
    }),
);

export const deliveryTransitions = metricOnce(
  'lienthong_delivery_packets_total',
  () =>
    new Counter({
      name: 'lienthong_delivery_packets_total',
      help: 'Packets reaching a state (acknowledged, delivered, sent_via_fallback, reconciled, dead, rejected)',
      labelNames: ['state'],
      registers: [metricsRegistry],
    }),
);

/** Sources read at scrape time, so gauges are never stale; the latest engine wins. */
export const gaugeSources: {
  queueDepth?: () => Promise<number>;
  circuits?: () => { channel: string; value: number }[];
} = {};

metricOnce(
  'lienthong_delivery_queue_depth',
  () =>
    new Gauge({
      name: 'lienthong_delivery_queue_depth',
      help: 'Delivery jobs waiting, delayed or active',
      registers: [metricsRegistry],
      async collect() {
        if (gaugeSources.queueDepth) this.set(await gaugeSources.queueDepth());
      },
    }),
);

metricOnce(
  'lienthong_delivery_circuit_state',
  () =>
    new Gauge({
      name: 'lienthong_delivery_circuit_state',
      help: 'Circuit breaker per channel: 0 closed, 1 half open, 2 open',
      labelNames: ['channel'],
      registers: [metricsRegistry],
      collect() {
        this.reset();
        for (const c of gaugeSources.circuits?.() ?? []) this.set({ channel: c.channel }, c.value);
      },
    }),
);

import { Router } from 'express';
import { collectDefaultMetrics } from 'prom-client';
import type { DeliveryServices } from '../delivery/services.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import { deliveryHealthChecks } from './health-checks.js';
import { observeDelivery, registerDeliveryGauges } from './delivery-gauges.js';
import { httpMetricsMiddleware } from './http-metrics.js';
import { metricsScraper } from './metrics-scrape.js';
import { metricsRegistry } from './registry.js';

/** Process metrics (CPU, heap, event loop lag) once per process: prom-client refuses duplicates. */
function registerProcessMetrics(): void {
  if (metricsRegistry.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics({ register: metricsRegistry });
}

/**
 * `/metrics` (Prometheus text format), the HTTP request histogram, and the queue and channel
 * readiness checks added to `/ready`. Starts after delivery so it can read its state.
 */
export const observabilityModule: GatewayModule<{ delivery: DeliveryServices }, NoServices> = {
  name: 'observability',
  requires: { delivery: true },
  provides: {},
  async init(ctx) {
    registerProcessMetrics();
    registerDeliveryGauges();
    const delivery = ctx.services.delivery;
    observeDelivery(delivery);

    const reuseMs = ctx.config.settings.METRICS_CACHE_MS;
    const scrape = metricsScraper(metricsRegistry, reuseMs);
    const metrics = Router();
    metrics.get('/metrics', async (_req, res) => {
      res.set('content-type', metricsRegistry.contentType);
      res.send(await scrape());
    });
    const timing = Router();
    timing.use(httpMetricsMiddleware);

    return {
      middleware: [{ path: '/', router: timing }],
      routers: [{ path: '/', router: metrics }],
      health: deliveryHealthChecks(delivery),
    };
  },
};

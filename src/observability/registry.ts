import { Registry } from 'prom-client';

/**
 * The one Prometheus registry. Each area declares its own metrics (in its folder) registered
 * here; `/metrics` (observability module) exposes it.
 */
export const metricsRegistry = new Registry();

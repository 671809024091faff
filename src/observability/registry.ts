import { Registry } from 'prom-client';

/**
 * The one Prometheus registry. Each area declares its own metrics (in its folder) registered
 * here; `/metrics` (observability module) exposes it.
 */
export const metricsRegistry = new Registry();

/** The metric named `name` if an area already declared it, else `make()`: several gateways in one test process share the registry. */
export function metricOnce<T>(name: string, make: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? make();
}

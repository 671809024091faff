import { Counter, Histogram } from 'prom-client';
import { metricOnce, metricsRegistry } from '../observability/registry.js';

/** Values per import outcome, by source ministry: imported, updated, ignored, conflict. */
export const ministryValuesTotal = metricOnce(
  'lienthong_ministry_values_total',
  () =>
    new Counter({
      name: 'lienthong_ministry_values_total',
      help: 'Ministry values received, by source and outcome (imported, updated, ignored, conflict)',
      labelNames: ['source', 'outcome'] as const,
      registers: [metricsRegistry],
    }),
);

export const ministryImportSeconds = metricOnce(
  'lienthong_ministry_import_seconds',
  () =>
    new Histogram({
      name: 'lienthong_ministry_import_seconds',
      help: 'Duration of ministry imports (resolve and store), by format',
      labelNames: ['format'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metricsRegistry],
    }),
);

export const ministryConnectorRunsTotal = metricOnce(
  'lienthong_ministry_connector_runs_total',
  () =>
    new Counter({
      name: 'lienthong_ministry_connector_runs_total',
      help: 'Connector runs, by connector, direction and status',
      labelNames: ['connector', 'direction', 'status'] as const,
      registers: [metricsRegistry],
    }),
);

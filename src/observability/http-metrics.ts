import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { metricsRegistry } from './registry.js';

/** Seconds buckets sized for an API whose requests mostly take 5-500 ms. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'lienthong_http_request_duration_seconds',
  help: 'Duration of HTTP requests handled by the gateway, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: BUCKETS,
  registers: [metricsRegistry],
});

/**
 * The route template (`/api/v1/submissions/:id`), never the raw URL, so ids do not explode
 * the label cardinality. Requests no route matched share one label.
 */
export function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  return `${req.baseUrl}${route.path}` || '/';
}

/** Express middleware observing every request when its response finishes. */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.once('finish', () => {
    end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
  });
  next();
}

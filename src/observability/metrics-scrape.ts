import type { Registry } from 'prom-client';

/**
 * Renders the registry for /metrics at most once per `reuseMs` (METRICS_CACHE_MS, default 1000;
 * 0 = every scrape) and once for any number of scrapes arriving together: the collectors (queue
 * depths: one Redis call and one small count) then run at most once a second whatever the
 * number of scrapers, and a burst of scrapes costs one rendering. Prometheus scrapes every
 * 15-60 s, so a reading is never older than a second beyond what a scrape interval already is.
 */
export function metricsScraper(registry: Registry, reuseMs: number, nowMs: () => number = Date.now): () => Promise<string> {
  let last: { text: string; at: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return () => {
    if (last && nowMs() - last.at < reuseMs) return Promise.resolve(last.text);
    inFlight ??= registry
      .metrics()
      .then((text) => {
        last = { text, at: nowMs() };
        return text;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

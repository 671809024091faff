import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { metricsScraper } from './metrics-scrape.js';

describe('metricsScraper', () => {
  const counted = () => {
    const registry = new Registry();
    let collects = 0;
    new Gauge({
      name: 'scrape_probe',
      help: 'collect calls',
      registers: [registry],
      collect() {
        collects += 1;
        this.set(collects);
      },
    });
    return { registry, collects: () => collects };
  };

  it('renders once for scrapes arriving together and reuses the text for reuseMs, then collects again', async () => {
    const { registry, collects } = counted();
    let now = 0;
    const scrape = metricsScraper(registry, 1000, () => now);
    const burst = await Promise.all(Array.from({ length: 50 }, () => scrape()));
    expect(collects()).toBe(1);
    expect(new Set(burst).size).toBe(1);
    expect(burst[0]).toContain('scrape_probe 1');
    now = 999;
    expect(await scrape()).toContain('scrape_probe 1');
    expect(collects()).toBe(1);
    now = 1000;
    expect(await scrape()).toContain('scrape_probe 2');
    expect(collects()).toBe(2);
  });

  it('collects on every scrape with reuseMs 0', async () => {
    const { registry, collects } = counted();
    const scrape = metricsScraper(registry, 0, () => 0);
    await scrape();
    await scrape();
    expect(collects()).toBe(2);
  });
});

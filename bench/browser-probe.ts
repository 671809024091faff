/**
 * Browser-side measuring for bench/grid-2000.ts: a keystroke-latency probe (key event to the
 * frame after its handlers), navigation-to-interactive, CPU throttling through the devtools
 * protocol, a bare page of the same inputs (the limit), and BENCH_PROFILE's hotspot listing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

const KEYSTROKE_PROBE = `(() => {
  window.__latencies = [];
  window.__keys = [];
  document.addEventListener('keydown', (e) => {
    const t = e.timeStamp;
    const key = e.key;
    requestAnimationFrame(() => setTimeout(() => { window.__latencies.push(performance.now() - t); window.__keys.push(key); }, 0));
  }, true);
})()`;

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** From navigation to the first cell echoing a typed digit, in ms (the page's own clock under throttling). */
export async function timeToInteractive(page: Page, url: string, cell: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  const input = page.locator(cell);
  await input.waitFor();
  await input.focus();
  await page.keyboard.type('7');
  await page.waitForFunction(`document.querySelector(${JSON.stringify(cell)}).value.includes('7')`);
  return performance.now() - t0;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** BENCH_PROFILE=1: the page's functions by self time while typing (build with WEBAPP_DEBUG=1 for names). */
export function printHotspots(profile: CpuProfile): void {
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(n.id) ?? 0) / 1000);
  }
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

/**
 * Types 4 digits into each of 60 cells down a column, leaving each with ArrowDown, as a person
 * does: each key once the previous one showed on screen (no backlog of queued keys is measured).
 * Returns each key's latency as the probe saw it.
 */
export async function typeDownColumn(page: Page, focusFirst: string, onEach?: (r: number) => Promise<void>): Promise<number[]> {
  await page.evaluate(KEYSTROKE_PROBE);
  await page.locator(focusFirst).focus();
  let n = 0;
  const press = async (key: string) => {
    await page.keyboard.press(key);
    n += 1;
    await page.waitForFunction((k) => (globalThis as unknown as { __latencies: number[] }).__latencies.length >= k, n);
  };
  for (let r = 1; r <= 60; r++) {
    for (const digit of String(1000 + r)) await press(digit);
    await press('ArrowDown');
    await onEach?.(r);
  }
  const latencies = (await page.evaluate('window.__latencies')) as number[];
  const keys = (await page.evaluate('window.__keys')) as string[];
  if (process.env.BENCH_KEYS) {
    const leave = latencies.filter((_, i) => keys[i] === 'ArrowDown');
    const digits = latencies.filter((_, i) => keys[i] !== 'ArrowDown');
    const byPlace = [0, 1, 2, 3, 4].map((k) =>
      percentile(
        latencies.filter((_, i) => i % 5 === k),
        75,
      ).toFixed(1),
    );
    console.log(`  p75 by place in the cell (4 digits, ArrowDown): ${byPlace.join(' / ')}`);
    console.log(
      `  digits p50 ${percentile(digits, 50).toFixed(1)} p95 ${percentile(digits, 95).toFixed(1)}; ArrowDown p50 ${percentile(leave, 50).toFixed(1)} p95 ${percentile(leave, 95).toFixed(1)}`,
    );
  }
  return latencies;
}

export async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** The same 2,000 named inputs as a static page: what the browser needs for a page of that size. */
export async function startBarePage(labels: string[][]): Promise<{ url: string; close(): void }> {
  const rows = labels
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td>${r.map((l, c) => `<td><input id="cell-${i}-${c}" aria-label="${l}" inputmode="decimal"></td>`).join('')}</tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>bare</title><table>${rows}</table></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

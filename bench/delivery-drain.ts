/**
 * Backlog drain: the receiver is down while BENCH_N (default 10,000) reports are dispatched;
 * it comes back and we measure the seconds until every packet is acknowledged.
 * `npx tsx bench/delivery-drain.ts [embedded|postgres]` (both by default).
 * Settings used (docs/delivery.md): breaker reset 2 s, circuit-open wait 2 s, backoff 1 s → 5 s.
 * RSS is sampled every 500 ms over the drain (issue 14: flat within ±10 % for a 100k backlog,
 * BENCH_N=100000); printed: at the start of the drain, min, max, at the end, and max/start.
 */
import { DEFAULT_RETRY_POLICY } from '../src/delivery/retry-policy.js';
import { dispatch, embedded, engineFor, FastReceiver, postgresRedis, waitAcknowledged, type Deployment } from './delivery-support.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const which = process.argv[2];

async function drain(d: Deployment): Promise<void> {
  const receiver = new FastReceiver();
  receiver.up = false;
  const engine = engineFor(d, receiver, {
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000, circuitOpenDelayMs: 2000 },
    breaker: { timeoutMs: 10_000, errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 2000 },
  });
  await engine.start();
  await dispatch(d.db, N, `drain-${Date.now()}`);
  // Everything relayed: the backlog sits in the queue while the receiver is down.
  for (;;) {
    const r = await d.db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_outbox');
    if (r.rows[0]!.n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const depth = await engine.services.queueDepths();
  receiver.up = true;
  const started = performance.now();
  const rss = [process.memoryUsage().rss];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 500);
  await waitAcknowledged(d.db, N);
  clearInterval(sampler);
  rss.push(process.memoryUsage().rss);
  const seconds = (performance.now() - started) / 1000;
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  await engine.stop();
  console.log(
    `${d.name.padEnd(38)} backlog ${N} (queue depth ${depth.delivery})  drained in ${seconds.toFixed(2)} s  (${(N / seconds).toFixed(0)} packets/s), receiver held ${receiver.held.size}`,
  );
  console.log(
    `  RSS over the drain (${rss.length} samples): start ${mb(rss[0]!)}, min ${mb(Math.min(...rss))}, max ${mb(Math.max(...rss))}, end ${mb(rss.at(-1)!)}; max/start ${(Math.max(...rss) / rss[0]!).toFixed(2)} (goal ≤ 1.10)`,
  );
}

for (const open of which === 'embedded' ? [embedded] : which === 'postgres' ? [postgresRedis] : [embedded, postgresRedis]) {
  const d = await open();
  try {
    await drain(d);
  } finally {
    await d.dispose();
  }
}
process.exit(0);

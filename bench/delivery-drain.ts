/**
 * Backlog drain: the receiver is down while BENCH_N (default 10,000) reports are dispatched;
 * it comes back and we measure the seconds until every packet is acknowledged.
 * `npx tsx bench/delivery-drain.ts [embedded|postgres]` (both by default).
 * Settings used (docs/delivery.md): breaker reset 2 s, circuit-open wait 2 s, backoff 1 s → 5 s.
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
  await waitAcknowledged(d.db, N);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  console.log(
    `${d.name.padEnd(38)} backlog ${N} (queue depth ${depth.delivery})  drained in ${seconds.toFixed(2)} s  (${(N / seconds).toFixed(0)} packets/s), receiver held ${receiver.held.size}`,
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

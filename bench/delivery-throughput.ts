/**
 * End-to-end delivery throughput: dispatch transaction (outbox) → relay → queue → worker →
 * channel → acknowledged, in packets/s. `npx tsx bench/delivery-throughput.ts [embedded|postgres]`
 * (BENCH_N packets per run, default 10000; 3000 on the simulator, which verifies every signature).
 */
import { dispatch, embedded, engineFor, FastReceiver, postgresRedis, simulatorChannel, waitAcknowledged, type Deployment } from './delivery-support.js';
import type { Channel } from '../src/delivery/channel.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const N_SIM = Number(process.env.BENCH_N_SIM ?? 3_000);

async function run(d: Deployment, receiver: string, channel: Channel, n: number): Promise<void> {
  const engine = engineFor(d, channel);
  await engine.start();
  const started = performance.now();
  await dispatch(d.db, n, `${receiver}-${Date.now()}`);
  const dispatched = performance.now();
  await waitAcknowledged(d.db, n);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  await d.db.query('TRUNCATE delivery_packets, delivery_outbox, delivery_attempts, delivery_message_inbox, delivery_message_log CASCADE');
  await d.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
  console.log(`${d.name.padEnd(38)} ${receiver.padEnd(22)} ${String(n).padStart(6)} packets  ${seconds.toFixed(2).padStart(7)} s  ${(n / seconds).toFixed(0).padStart(6)} packets/s  (dispatch alone ${(n / ((dispatched - started) / 1000)).toFixed(0)} reports/s)`);
}

const which = process.argv[2];
for (const open of which === 'embedded' ? [embedded] : which === 'postgres' ? [postgresRedis] : [embedded, postgresRedis]) {
  const d = await open();
  try {
    await run(d, 'fast in-process', new FastReceiver(), N);
    const { channel, sim } = await simulatorChannel();
    try {
      await run(d, 'national simulator', channel, N_SIM);
    } finally {
      await sim.close();
    }
  } finally {
    await d.dispose();
  }
}
process.exit(0);

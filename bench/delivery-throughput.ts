/**
 * End-to-end delivery throughput: dispatch transaction (outbox) → relay → queue → worker →
 * channel → acknowledged, in packets/s. `npx tsx bench/delivery-throughput.ts [embedded|postgres]`
 * (BENCH_N packets per run, default 10000; 3000 on the simulator, which verifies every signature).
 */
import { spawn } from 'node:child_process';
import {
  dispatch,
  embedded,
  engineFor,
  FastReceiver,
  postgresRedis,
  simulatorChannel,
  waitAcknowledged,
  type Deployment,
  type PacketBuild,
} from './delivery-support.js';
import type { Channel } from '../src/delivery/channel.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const N_SIM = Number(process.env.BENCH_N_SIM ?? 3_000);

async function run(d: Deployment, receiver: string, channel: Channel, n: number, build?: PacketBuild): Promise<void> {
  const engine = engineFor(d, channel);
  await engine.start();
  const started = performance.now();
  await dispatch(d.db, n, `${receiver}-${Date.now()}`, undefined, build);
  const dispatched = performance.now();
  await waitAcknowledged(d.db, n);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  await reset(d);
  console.log(
    `${d.name.padEnd(38)} ${receiver.padEnd(22)} ${String(n).padStart(6)} packets  ${seconds.toFixed(2).padStart(7)} s  ${(n / seconds).toFixed(0).padStart(6)} packets/s  (dispatch alone ${(n / ((dispatched - started) / 1000)).toFixed(0)} reports/s)`,
  );
}

const which = process.argv[2];

async function reset(d: Deployment): Promise<void> {
  await d.db.query('TRUNCATE delivery_packets, delivery_outbox, delivery_attempts, delivery_message_inbox, delivery_message_log CASCADE');
  await d.db.query(`UPDATE delivery_message_head SET seq = 0, hash = '${'0'.repeat(64)}'`);
}

/** Dispatch here, deliver in a worker process (two gateway instances sharing Postgres and Redis). */
async function runSplit(d: Deployment, n: number): Promise<void> {
  const worker = spawn(process.execPath, ['--import', 'tsx', new URL('./delivery-worker.ts', import.meta.url).pathname], {
    env: { ...process.env, BENCH_SCHEMA: d.schema, BENCH_PREFIX: d.prefix, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => worker.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve()));
  const started = performance.now();
  await dispatch(d.db, n, `split-${Date.now()}`);
  const dispatched = performance.now();
  await waitAcknowledged(d.db, n);
  const seconds = (performance.now() - started) / 1000;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await reset(d);
  console.log(
    `${d.name.padEnd(38)} ${'fast, worker process'.padEnd(22)} ${String(n).padStart(6)} packets  ${seconds.toFixed(2).padStart(7)} s  ${(n / seconds).toFixed(0).padStart(6)} packets/s  (dispatch alone ${(n / ((dispatched - started) / 1000)).toFixed(0)} reports/s)`,
  );
}
for (const open of which === 'embedded' ? [embedded] : which === 'postgres' ? [postgresRedis] : [embedded, postgresRedis]) {
  const d = await open();
  try {
    await run(d, 'fast in-process', new FastReceiver(), N);
    if (d.schema) await runSplit(d, N);
    const { channel, sim, build } = await simulatorChannel();
    try {
      await run(d, 'national simulator', channel, N_SIM, build);
    } finally {
      await sim.close();
    }
  } finally {
    await d.dispose();
  }
}
process.exit(0);

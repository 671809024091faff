/**
 * Honest end to end (issue 14): every packet is built from its OWN approved report by the
 * exchange area (mapping, contract check, RS256 JWS with the gateway's packet certificate),
 * written to the outbox in its dispatch transaction, relayed, queued on BullMQ (real Redis),
 * POSTed over HTTP by the national channel to the national simulator running in ANOTHER
 * process (`lienthong sim national`), which checks each packet with its own code and verifies
 * every signature, and acknowledged. Printed beside, measured in the same run:
 * - raw RSA-2048 signatures/s (node:crypto, one thread: the gateway signs on its main thread);
 * - pgbench's commit rate (16 clients, one 2 KB insert per transaction) on the private bench database;
 * - CPU time per packet of the gateway (this process), of the receiver (its process, /proc), of
 *   the PostgreSQL backends serving this bench (by application_name) and of redis-server (shared
 *   with other sessions) over the timed run, beside one RSA signature's time: the
 *   load-independent view on a shared machine (two cores carry at most 2,000 ms of CPU a second).
 * One report is driven through the real workflow (entry, submit, leader approval) as the
 * template; each bench report is a copy with its own submission id and values. The copies are
 * dispatched without the leaders' approval block (profile v1, which the receiver accepts): its
 * receiver-side check runs `openssl ts -verify` twice per packet, which would measure process
 * spawning on the receiver, not the gateway.
 * Run: npx tsx bench/delivery-e2e.ts [packets, default 3000] [dispatchers, default 16]
 * BENCH_CPU_PROFILE=file.cpuprofile profiles the gateway over the timed run only (summary:
 * `npx tsx bench/cpu-profile-summary.ts file.cpuprofile 25 <packets>`).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { ONE_2KB_INSERT, pgbenchTps } from './pgbench.js';
import type { ApprovedReport } from '../src/core/approved-report.js';
import { coreModule } from '../src/core/module.js';
import { submissionsModule } from '../src/core/submissions/module.js';
import { deliveryModule } from '../src/delivery/module.js';
import { queuesModule } from '../src/app/adapters/queues-module.js';
import { channelsModule } from '../src/app/adapters/channels-module.js';
import { connectorsModule } from '../src/app/adapters/connectors-module.js';
import { writeOutbox } from '../src/delivery/outbox.js';
import { driveReport } from '../src/demo/report-driver.js';
import { exchangeModule } from '../src/exchange/module.js';
import { createGateway } from '../src/app/gateway.js';
import { mappingsModule } from '../src/exchange/mapping/module.js';
import { scanningModule } from '../src/app/adapters/scanning-module.js';
import { schedulerModule } from '../src/app/adapters/scheduler-module.js';
import { logger } from '../src/shared/logger.js';
import { fakeAuthModule } from '../test/support/fake-auth.js';
import { benchSchema } from './http-support.js';
import { BENCH_DATABASE_URL } from './private-db.js';
import { backendPids, cpuDeltaMs, pidsNamed, processCpuMs, snapshot } from './process-cpu.js';

logger.level = process.env.LOG_LEVEL ?? 'error';
const N = Number(process.argv[2] ?? 3000);
const DISPATCHERS = Number(process.argv[3] ?? 16);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROFILE = process.env.BENCH_CPU_PROFILE;

/** The V8 profiler over the timed run only (set-up and the reference figures left out). */
async function startProfile(): Promise<() => Promise<void>> {
  if (!PROFILE) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(PROFILE, JSON.stringify(profile));
    session.disconnect();
  };
}

/** The receiver in its own process; resolves with its URL once it listens. */
async function startReceiver(): Promise<{ url: string; cpuMs(): number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sim', 'national', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      const m = /simulator: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}: ${out}`)));
  });
  return { url, cpuMs: () => processCpuMs(child.pid!), stop: () => void child.kill('SIGTERM') };
}

function rsaSignsPerSecond(ms = 3000): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = randomBytes(2048);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ms) {
    sign('sha256', data, privateKey);
    n += 1;
  }
  return n / ((performance.now() - t0) / 1000);
}

const T0 = Date.parse('2027-01-16T04:00:00Z');
const started = Date.now();
const now = () => new Date(T0 + (Date.now() - started));

const receiver = await startReceiver();
const prefix = `bench-e2e-${randomBytes(4).toString('hex')}`;
// node-postgres names every connection of this process so (after the receiver was spawned):
// the PostgreSQL backends serving this bench can be told from other sessions' for their CPU.
process.env.PGAPPNAME = prefix;
const store = await benchSchema(24);
const gw = await createGateway({
  config: loadConfig({
    PORT: '0',
    START_SIMULATORS: 'false',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: 'Bench#2026-perf',
    DEMO_TRAFFIC: 'false',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    NATIONAL_URL: receiver.url,
    MESSAGE_LOG_TIMESTAMP: 'false',
    DELIVERY_CONCURRENCY: process.env.DELIVERY_CONCURRENCY ?? '128',
    RELAY_POLL_MS: '20',
    RELAY_BATCH: '1000',
    LOG_LEVEL: 'error',
  }),
  db: store.db,
  now,
  modules: [
    schedulerModule,
    fakeAuthModule({}),
    scanningModule,
    coreModule,
    submissionsModule,
    mappingsModule,
    connectorsModule,
    exchangeModule,
    channelsModule,
    queuesModule,
    deliveryModule,
  ],
});
const { core, submissions, exchange } = gw.ctx.services;
try {
  // One real approval (entry, submit, leader's signature) gives the template report.
  let template: ApprovedReport | undefined;
  submissions!.onDispatched(async (_tx, report) => {
    template ??= report;
  });
  let seq = 1;
  for (const a of await core!.assignments.list({})) {
    if (template) break;
    await driveReport(core!, submissions!, a, () => (seq = (seq * 9301 + 49297) % 233280) / 233280);
  }
  if (!template) throw new Error('no report reached dispatch');
  await gw.start();
  // Wait for the template's own packet, so the timed run starts on an idle engine.
  for (;;) {
    const r = await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery_packets WHERE state <> 'acknowledged'");
    if (r.rows[0]!.n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const base = template;
  const reportFor = (i: number): ApprovedReport => ({
    ...base,
    submissionId: `e2e-${i}`,
    approvals: undefined,
    values: base.values.map((v, k) => ({ ...v, value: v.value === null ? null : v.value + ((i * 31 + k) % 97) })),
  });

  console.log(`end to end: ${N} packets, ${DISPATCHERS} concurrent dispatch transactions, receiver in its own process (${receiver.url})`);
  const rsa = rsaSignsPerSecond();
  console.log(`raw RSA-2048 signatures (node:crypto, 1 thread)   ${Math.round(rsa).toLocaleString('en')} signs/s`);
  const pgbench = await pgbenchTps(ONE_2KB_INSERT);
  console.log(`pgbench, 16 clients, one 2 KB insert per commit    ${Math.round(pgbench).toLocaleString('en')} commits/s`);

  const stopProfile = await startProfile();
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const receiverCpu0 = receiver.cpuMs();
  const pgCpu0 = snapshot(await backendPids(BENCH_DATABASE_URL, prefix));
  const redisCpu0 = snapshot(pidsNamed('redis-server'));
  const t0 = performance.now();
  let next = 0;
  let buildMs = 0;
  await Promise.all(
    Array.from({ length: DISPATCHERS }, async () => {
      for (let i = next++; i < N; i = next++) {
        const report = reportFor(i);
        await store.db.transaction(async (tx) => {
          const b0 = performance.now();
          const packets = await exchange!.buildPackets(report);
          buildMs += performance.now() - b0;
          await writeOutbox(tx, report, packets, false, now());
        });
      }
    }),
  );
  const dispatchSeconds = (performance.now() - t0) / 1000;
  for (;;) {
    const r = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM delivery_packets WHERE submission_id LIKE 'e2e-%' AND state = 'acknowledged'",
    );
    if (r.rows[0]!.n >= N) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await stopProfile();
  const gatewayMs = (cpu.user + cpu.system) / 1000 / N;
  const receiverMs = (receiver.cpuMs() - receiverCpu0) / N;
  const postgresMs = cpuDeltaMs(pgCpu0, snapshot(await backendPids(BENCH_DATABASE_URL, prefix))) / N;
  const redisMs = cpuDeltaMs(redisCpu0, snapshot(pidsNamed('redis-server'))) / N;
  const rate = N / seconds;
  const held = (await (await fetch(`${receiver.url}/_sim/received`).catch(() => undefined))?.json().catch(() => undefined)) as
    unknown[] | undefined;
  console.log(
    `dispatch (build + sign + outbox, one transaction each) ${Math.round(N / dispatchSeconds).toLocaleString('en')} reports/s; build+sign ${(buildMs / N).toFixed(2)} ms per packet`,
  );
  console.log(
    `end to end, acknowledged by the receiver           ${Math.round(rate).toLocaleString('en')} packets/s (${N} in ${seconds.toFixed(1)} s; goal ≥ 2,000)`,
  );
  console.log(`  ratio to raw RSA signs/s ${(rate / rsa).toFixed(3)}; ratio to pgbench commits/s ${(rate / pgbench).toFixed(3)}`);
  const rsaMs = 1000 / rsa;
  console.log(
    `CPU per packet: gateway ${gatewayMs.toFixed(2)} ms, receiver ${receiverMs.toFixed(2)} ms; one RSA-2048 signature ${rsaMs.toFixed(2)} ms (ratio RSA ÷ gateway ${(rsaMs / gatewayMs).toFixed(3)})`,
  );
  console.log(
    `  PostgreSQL (this bench's backends) ${postgresMs.toFixed(2)} ms, Redis (whole server, shared) ${redisMs.toFixed(2)} ms; all four ${(gatewayMs + receiverMs + postgresMs + redisMs).toFixed(2)} ms per packet`,
  );
  console.log(
    `  RSS ${Math.round(rssBefore / 2 ** 20)} → ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB${Array.isArray(held) ? `; receiver holds ${held.length}` : ''}`,
  );
} finally {
  await gw.close({ drainMs: 2000 });
  receiver.stop();
  await store.dispose();
}
// A socket left open after gw.close() is a leak (the scheduler's worker link was one): name it
// and fail, rather than hang for minutes after the figures.
const left = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap');
if (left.length > 0) {
  console.error(`after close, still open: ${left.join(', ')}`);
  process.exit(1);
}

/**
 * Shared set-up of the delivery benchmarks: the two deployments (embedded PGlite + in-process
 * queue; Postgres + BullMQ on Redis), fast and simulator receivers, and report dispatching.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ApprovedReport } from '../src/core/approved-report.js';
import { createNationalChannel } from '../src/channels/national/channel.js';
import type { Channel, DeliveryReceipt, OutboundPacket } from '../src/delivery/channel.js';
import { DeliveryEngine } from '../src/delivery/engine.js';
import { writeOutbox } from '../src/delivery/outbox.js';
import { BullmqQueue } from '../src/delivery/queue/bullmq-queue.js';
import { MemoryQueue } from '../src/delivery/queue/memory-queue.js';
import { DEFAULT_RETRY_POLICY } from '../src/delivery/retry-policy.js';
import { loadMappings } from '../src/exchange/mapping/loader.js';
import { PacketBuilder } from '../src/exchange/packets/builder.js';
import { loadP12Credentials } from '../src/exchange/pki/credentials.js';
import { nationalSimulator } from '../src/sim/national/index.js';
import type { RunningSimulator } from '../src/sim/simulator.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { PgliteDatabase } from '../src/store/pglite-database.js';
import { PostgresDatabase } from '../src/store/postgres-database.js';
import { BENCH_DATABASE_URL, ensureBenchDatabase } from './private-db.js';

// A private database (bench/private-db.ts), never the shared `test` one; created on first use.
export const DATABASE_URL = BENCH_DATABASE_URL;
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const SIGNED = JSON.parse(readFileSync(new URL('../fixtures/packets/report-data.signed.json', import.meta.url), 'utf8')) as OutboundPacket;
const SAMPLE = JSON.parse(
  readFileSync(new URL('../fixtures/packets/approved-report.sample.json', import.meta.url), 'utf8'),
) as ApprovedReport;

/** Builds a report's packets as the gateway does at dispatch: mapped, validated, its own body, signed (test PKI). */
export type PacketBuild = (report: ApprovedReport) => Promise<OutboundPacket[]>;

export function realPacketBuild(): PacketBuild {
  const builder = new PacketBuilder({
    mappings: loadMappings(new URL('../mappings', import.meta.url).pathname).national,
    credentials: loadP12Credentials(new URL('../fixtures/pki/org.p12', import.meta.url).pathname, 'lienthong-test'),
  });
  return (r) => builder.build(r);
}

export interface Deployment {
  name: string;
  db: Database;
  /** Postgres schema and Redis prefix (for a worker in another process). */
  schema?: string;
  prefix?: string;
  newQueue(): BullmqQueue | MemoryQueue;
  dispose(): Promise<void>;
}

export async function embedded(): Promise<Deployment> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { name: 'embedded (PGlite + in-process queue)', db, newQueue: () => new MemoryQueue(), dispose: () => db.close() };
}

export async function postgresRedis(): Promise<Deployment> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await ensureBenchDatabase(DATABASE_URL);
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = PostgresDatabase.open({ connectionString: DATABASE_URL, schema, max: 20 });
  await migrate(db);
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const queues: BullmqQueue[] = [];
  return {
    name: 'Postgres + BullMQ on Redis',
    db,
    schema,
    prefix,
    newQueue: () => {
      const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
      queues.push(q);
      return q;
    },
    async dispose() {
      for (const q of queues) await q.obliterate().catch(() => undefined);
      await db.close();
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** An in-process receiver that acknowledges at once: measures the engine, not a network peer. */
export class FastReceiver implements Channel {
  readonly name = 'national';
  up = true;
  readonly held = new Set<string>();
  async deliver(p: OutboundPacket): Promise<DeliveryReceipt> {
    if (!this.up) throw Object.assign(new Error('receiver down'), { code: 'ECONNREFUSED' });
    this.held.add(p.idempotencyKey);
    return { channel: 'national', remoteId: `R-${p.packetId}`, status: 'accepted', acknowledged: true };
  }
}

/** The simulator verifies every packet: each one is built and signed for its own report (`build`). */
export async function simulatorChannel(): Promise<{ channel: Channel; sim: RunningSimulator; build: PacketBuild }> {
  const sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  return { channel: createNationalChannel({ baseUrl: sim.url, timeoutMs: 10_000 }), sim, build: realPacketBuild() };
}

async function report(i: number, run: string, build?: PacketBuild): Promise<{ report: ApprovedReport; packets: OutboundPacket[] }> {
  const submissionId = `${run}-${i}`;
  if (build) {
    // Its own report, body and signature: the receiver sees 1 packet id per packet, as in production.
    const own: ApprovedReport = { ...SAMPLE, submissionId, orgUnit: { ...SAMPLE.orgUnit, id: `u${i % 50}` }, deadline: '2099-12-31' };
    return { report: own, packets: await build(own) };
  }
  const report: ApprovedReport = {
    submissionId,
    version: 1,
    kind: 'original',
    orgUnit: { id: `u${i % 50}`, orgCode: '000.00.00.H41', name: 'Đơn vị' },
    form: { code: 'KTXH-THANG-01', name: 'Biểu 01', regimeCode: 'R', type: 'data' },
    period: { kind: 'month', year: 2027, index: 1, key: '2027-M01', windowStart: '2026-12-15', windowEnd: '2027-01-14' },
    values: [],
    approvedBy: 'leader',
    approvedAt: '2027-01-16T03:00:00.000Z',
    deadline: '2099-12-31',
    classification: 'normal',
  };
  // In-process receivers never read the body: one fixture body, only the packet id and Idempotency-Key vary.
  return {
    report,
    packets: [{ ...SIGNED, packetId: `PKT-${submissionId}`, idempotencyKey: `IK-${submissionId}`, submissionId, deadline: '2099-12-31' }],
  };
}

/**
 * Dispatches n reports, one transaction each (as approvals do), from `parallel` concurrent callers;
 * with `build`, each report's packets are built and signed in its dispatch, as the gateway does.
 */
export async function dispatch(
  db: Database,
  n: number,
  run: string,
  parallel = Number(process.env.BENCH_DISPATCHERS ?? 16),
  build?: PacketBuild,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < n; i = next++) {
        const { report: r, packets } = await report(i, run, build);
        await db.transaction((tx) => writeOutbox(tx, r, packets, false, new Date()));
      }
    }),
  );
}

export async function waitAcknowledged(db: Database, n: number): Promise<void> {
  for (;;) {
    const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery_packets WHERE state = 'acknowledged'");
    if (r.rows[0]!.n >= n) return;
    await new Promise((res) => setTimeout(res, 50));
  }
}

export function engineFor(
  d: Deployment,
  channel: Channel,
  extra: Partial<ConstructorParameters<typeof DeliveryEngine>[0]> = {},
): DeliveryEngine {
  return new DeliveryEngine({
    db: d.db,
    queue: d.newQueue(),
    channels: { national: channel },
    concurrency: 128,
    relay: { batchSize: 1000, pollMs: 20, claimMs: 30_000 },
    sealIntervalMs: 200,
    reconcileIntervalMs: 60_000,
    retry: { ...DEFAULT_RETRY_POLICY },
    ...extra,
  });
}

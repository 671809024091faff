/**
 * A delivery worker in its own process for `delivery-throughput.ts --split` (a gateway instance
 * that only delivers, as in a multi-instance deployment): Postgres schema BENCH_SCHEMA, BullMQ
 * prefix BENCH_PREFIX, an in-process receiver that acknowledges at once. SIGTERM stops it.
 */
import { DeliveryEngine } from '../src/delivery/engine.js';
import { BullmqQueue } from '../src/delivery/queue/bullmq-queue.js';
import { PostgresDatabase } from '../src/store/postgres-database.js';
import { DATABASE_URL, FastReceiver, REDIS_URL } from './delivery-support.js';

const db = PostgresDatabase.open({ connectionString: DATABASE_URL, schema: process.env.BENCH_SCHEMA, max: 10 });
const engine = new DeliveryEngine({
  db,
  queue: new BullmqQueue({ redisUrl: REDIS_URL, prefix: process.env.BENCH_PREFIX! }),
  channels: { national: new FastReceiver() },
  concurrency: 128,
  relay: { batchSize: 1000, pollMs: 20, claimMs: 30_000 },
  sealIntervalMs: 200,
  reconcileIntervalMs: 60_000,
});
await engine.start();
process.stdout.write('ready\n');
process.on(
  'SIGTERM',
  () =>
    void engine
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0)),
);

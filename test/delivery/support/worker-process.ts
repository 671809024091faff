/**
 * A delivery worker in its own process, for the crash test: Postgres (schema given) + BullMQ
 * on Redis + an HTTP receiver. Killed with SIGKILL by the test; SIGTERM stops it gracefully.
 */
import { DeliveryEngine } from '../../../src/delivery/engine.js';
import { BullmqQueue } from '../../../src/delivery/queue/bullmq-queue.js';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/retry-policy.js';
import { PostgresDatabase } from '../../../src/store/postgres-database.js';
import { httpChannel } from './http-receiver.js';

const env = process.env;
// Generous bounds on waits for PostgreSQL, as test/support/databases.ts gives every test database.
const BOUNDS = { DATABASE_CONNECT_TIMEOUT_SECONDS: '300', DATABASE_QUERY_TIMEOUT_SECONDS: '300' };
const db = PostgresDatabase.open({ connectionString: env.DATABASE_URL!, schema: env.DB_SCHEMA, max: 5, env: BOUNDS });
const queue = new BullmqQueue({ redisUrl: env.REDIS_URL!, prefix: env.QUEUE_PREFIX!, lockDurationMs: 3000, stalledIntervalMs: 1000 });
const engine = new DeliveryEngine({
  db,
  queue,
  channels: { national: httpChannel(env.RECEIVER_URL!) },
  retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50, maxDelayMs: 500, jitter: 0 },
  relay: { batchSize: 50, pollMs: 20, claimMs: 1500 },
  concurrency: 8,
  reconcileIntervalMs: 500,
  staleMs: 3000,
  sealIntervalMs: 100,
});
await engine.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void engine
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});

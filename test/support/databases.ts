import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/store/database.js';
import { PgliteDatabase } from '../../src/store/pglite-database.js';
import { PostgresDatabase } from '../../src/store/postgres-database.js';
import { migrate } from '../../src/store/migrate.js';

/** The real local PostgreSQL the test machines run (trust auth, database `test`). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  db: Database;
  /** The PostgreSQL schema (real Postgres only): other pools of the same test open it (several instances). */
  schema?: string;
  /** Drops what the test created. */
  dispose(): Promise<void>;
}

/** In-memory PGlite, migrated. */
export async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { db, dispose: () => db.close() };
}

/**
 * The production bounds on waits for PostgreSQL (10 s for a pool slot, 30 s per statement) are
 * wall-clock limits a test does not control: with the suite running twice on two cores a pool
 * slot can take longer. Tests of the bounds themselves set their own (network-black-hole.test.ts).
 */
export const TEST_DATABASE_BOUNDS = { DATABASE_CONNECT_TIMEOUT_SECONDS: '300', DATABASE_QUERY_TIMEOUT_SECONDS: '300' };

/** A fresh schema on the real Postgres, migrated; each test file gets its own, so suites never collide. */
export async function openPostgresTestDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = PostgresDatabase.open({ connectionString: TEST_DATABASE_URL, schema, max: 5, env: TEST_DATABASE_BOUNDS });
  await migrate(db);
  return {
    db,
    schema,
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Both backends, for conformance suites: `describe.each(testDatabases)(...)`. */
export const testDatabases: { name: string; open: () => Promise<TestDatabase> }[] = [
  { name: 'pglite', open: openPgliteTestDatabase },
  { name: 'postgres', open: openPostgresTestDatabase },
];

/** A Redis key prefix unique to one test, so BullMQ suites running in parallel never share keys. */
export function uniqueRedisPrefix(): string {
  return `test-${randomBytes(5).toString('hex')}`;
}

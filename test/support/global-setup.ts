import { execFileSync } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './databases.js';

async function redisPing(url: string): Promise<void> {
  const u = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(u.port || 6379), u.hostname);
    socket.setTimeout(3000, () => reject(new Error('timeout')));
    socket.once('error', reject);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.end();
      if (d.toString().startsWith('+PONG')) resolve();
      else reject(new Error(d.toString()));
    });
  });
}

/**
 * The Postgres and BullMQ paths are tested against real servers. If they are unreachable the
 * run fails here, loudly, rather than skipping those suites.
 */
export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL}: ${(err as Error).message}. Run .ci/run or start it.`, {
      cause: err,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    await redisPing(TEST_REDIS_URL);
  } catch (err) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${(err as Error).message}. Run .ci/run or start it.`, { cause: err });
  }
  // CLI tests run bin/lienthong.js, which runs dist/: build it once here rather than racing
  // several test files into building it at the same time.
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
}

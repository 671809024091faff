import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorNamed } from '../../src/sim/simulators.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { startGatewayProcess, type GatewayProcess, type LogLine } from '../support/gateway-process.js';
import { startPrivatePostgres, startPrivateRedis, until, type PrivatePostgres, type PrivateRedis } from '../support/private-servers.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { expectDeliveredOnce, nationalPackets, outageGatewayEnv, type NationalPacket } from '../support/outage-gateway.js';

/**
 * The gateway as its own process (compiled dist/, `lienthong start`) on a PostgreSQL and a Redis
 * of this test's own, reached through TCP relays the test can cut. Reports are approved while the
 * national system is down, so they are still waiting when PostgreSQL crashes, Redis restarts
 * empty, and the network to each is cut; afterwards each is delivered exactly once.
 */
describe('survives its dependencies: PostgreSQL and Redis restarts and network cuts (gateway as a child process)', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let pgLink: TcpProxy;
  let redisLink: TcpProxy;
  let national: RunningSimulator;
  let gw: GatewayProcess;
  /** The test's own view of the database, straight to the server (not through the relay). */
  let observer: pg.Pool;
  let waiting: NationalPacket[] = [];

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis({ persist: false })]);
    pgLink = await new TcpProxy(postgres.port).start();
    redisLink = await new TcpProxy(redis.port).start();
    national = await simulatorNamed('national')!.start({ port: 0, host: '127.0.0.1', env: {} });
    national.faults.set({ mode: 'down' });
    observer = new pg.Pool({ connectionString: postgres.url, max: 2 });
    observer.on('error', () => undefined); // the crash below cuts its idle clients too
    gw = await startGatewayProcess(
      outageGatewayEnv({
        databaseUrl: `postgres://postgres@${pgLink.url}/lienthong`,
        redisUrl: `redis://${redisLink.url}`,
        nationalUrl: national.url,
      }),
    );
  }, 400_000);

  afterAll(async () => {
    await gw?.kill();
    await observer?.end().catch(() => undefined);
    await national?.close();
    await pgLink?.close();
    await redisLink?.close();
    await Promise.all([postgres?.dispose(), redis?.dispose()]);
  }, 120_000);

  const logged = (message: string) => (l: LogLine) => l.message === message;

  /** Takes a dependency away and gives it back; the process must notice both ways and stay alive. */
  async function outage(what: string, take: () => Promise<void>, giveBack: () => Promise<void>, lost: string, restored: string) {
    const from = gw.logs.length;
    await take();
    await until(async () => (await gw.ready()) === 503, `/ready to turn false after ${what}`);
    const lostAt = await gw.waitForLog(logged(lost), `"${lost}" after ${what}`, from);
    await giveBack();
    await until(async () => (await gw.ready()) === 200, `/ready to turn true again after ${what}`);
    const restoredAt = await gw.waitForLog(logged(restored), `"${restored}" after ${what}`, lostAt);
    expect(restoredAt).toBeGreaterThan(lostAt);
    expect(gw.child.exitCode).toBeNull();
    expect(gw.child.signalCode).toBeNull();
  }

  it('starts ready, with reports approved and waiting for the national system', async () => {
    await until(async () => (await gw.ready()) === 200, 'the gateway to be ready');
    await gw.waitForLog(logged('demo traffic started'), 'the demo reports to be sent', 0, 240_000);
    waiting = await until(async () => {
      const rows = await nationalPackets(observer);
      return rows.length > 0 && rows;
    }, 'national packets in the outbox');
    expect(waiting.every((p) => p.state !== 'acknowledged')).toBe(true);
    expect(waiting.filter((p) => p.subject_kind === 'report').length).toBeGreaterThan(0);
  }, 300_000);

  it('survives a PostgreSQL crash and restart (pg_ctl stop -m immediate)', async () => {
    await outage(
      'the PostgreSQL crash',
      () => postgres.crash(),
      () => postgres.start(),
      'database connection lost; reconnecting on demand',
      'database connection restored',
    );
  }, 300_000);

  it('survives a Redis restart that lost every key', async () => {
    await outage(
      'the Redis restart',
      () => redis.kill(),
      () => redis.start(),
      'redis connection lost; reconnecting',
      'redis connection restored',
    );
  }, 300_000);

  it('survives a network cut to PostgreSQL', async () => {
    const before = pgLink.connections;
    await outage(
      'the cut to PostgreSQL',
      () => pgLink.cut(),
      () => pgLink.restore(),
      'database connection lost; reconnecting on demand',
      'database connection restored',
    );
    expect(pgLink.connections).toBeGreaterThan(before); // it reconnected through the relay
  }, 300_000);

  it('survives a network cut to Redis', async () => {
    const before = redisLink.connections;
    await outage(
      'the cut to Redis',
      () => redisLink.cut(),
      () => redisLink.restore(),
      'redis connection lost; reconnecting',
      'redis connection restored',
    );
    expect(redisLink.connections).toBeGreaterThan(before);
  }, 300_000);

  it('then delivers every report approved before the outages, each exactly once, and stops with exit code 0', async () => {
    await expectDeliveredOnce(observer, national, waiting);
    // One process from the first test to the last: never restarted, and it shuts down cleanly.
    gw.child.kill('SIGTERM');
    expect(await gw.exited).toBe(0);
    expect(gw.logs.some((l) => l.message === 'shutting down')).toBe(true);
  }, 300_000);
});

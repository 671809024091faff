import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorNamed } from '../../src/sim/simulators.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { startGatewayProcess, type GatewayProcess, type LogLine } from '../support/gateway-process.js';
import { startPrivatePostgres, startPrivateRedis, until, type PrivatePostgres, type PrivateRedis } from '../support/private-servers.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import {
  expectDeliveredOnce,
  nationalPackets,
  OUTAGE_DEMO_PASSWORD,
  outageGatewayEnv,
  type NationalPacket,
} from '../support/outage-gateway.js';

interface Ready {
  status: number;
  checks: { name: string; ok: boolean; detail?: string }[];
}

/**
 * A partition that drops packets instead of refusing them: the gateway's sockets to PostgreSQL
 * or Redis stay open and nothing answers. The gateway (its own process, compiled dist/) must
 * bound every wait: /health answers, /ready turns false naming the dependency, a request that
 * needs PostgreSQL gets a typed 503 while the black hole lasts (it would otherwise hang until the
 * heal, and this test heals only after the answer), and after the heal it recovers by itself,
 * says so, and delivers every waiting report exactly once. Private servers behind relays the
 * test controls; no timing is asserted, only what happens before the heal and after it.
 */
describe('survives a network black hole to PostgreSQL and to Redis (gateway as a child process)', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let pgLink: TcpProxy;
  let redisLink: TcpProxy;
  let national: RunningSimulator;
  let gw: GatewayProcess;
  let observer: pg.Pool;
  let waiting: NationalPacket[] = [];

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis({ persist: false })]);
    pgLink = await new TcpProxy(postgres.port).start();
    redisLink = await new TcpProxy(redis.port).start();
    national = await simulatorNamed('national')!.start({ port: 0, host: '127.0.0.1', env: {} });
    national.faults.set({ mode: 'down' });
    observer = new pg.Pool({ connectionString: postgres.url, max: 2 });
    observer.on('error', () => undefined);
    gw = await startGatewayProcess({
      ...outageGatewayEnv({
        databaseUrl: `postgres://postgres@${pgLink.url}/lienthong`,
        redisUrl: `redis://${redisLink.url}`,
        nationalUrl: national.url,
      }),
      // The bounds under test, short enough for a test and long enough for a busy machine.
      DATABASE_CONNECT_TIMEOUT_SECONDS: '10',
      DATABASE_QUERY_TIMEOUT_SECONDS: '10',
      REDIS_CONNECT_TIMEOUT_SECONDS: '5',
      REDIS_COMMAND_TIMEOUT_SECONDS: '3',
      REDIS_PING_INTERVAL_SECONDS: '1',
    });
  }, 400_000);

  afterAll(async () => {
    await gw?.kill();
    await observer?.end().catch(() => undefined);
    await national?.close();
    await pgLink?.close();
    await redisLink?.close();
    await Promise.all([postgres?.dispose(), redis?.dispose()]);
  }, 120_000);

  // Generous: a request with no bound would wait for the heal, which comes only after the answer.
  const ANSWER_LIMIT_MS = 180_000;

  const readiness = async (): Promise<Ready> => {
    const res = await fetch(`${gw.url}/ready`, { signal: AbortSignal.timeout(ANSWER_LIMIT_MS) });
    return { status: res.status, checks: ((await res.json()) as { checks: Ready['checks'] }).checks };
  };

  const health = async () => (await fetch(`${gw.url}/health`, { signal: AbortSignal.timeout(ANSWER_LIMIT_MS) })).status;

  /** A clerk's login: rate limits (Redis), then the account and its session (PostgreSQL). */
  const login = async () => {
    const res = await fetch(`${gw.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: OUTAGE_DEMO_PASSWORD }),
      signal: AbortSignal.timeout(ANSWER_LIMIT_MS),
    });
    return { status: res.status, body: (await res.json()) as { code?: string } };
  };

  const logged = (message: string) => (l: LogLine) => l.message === message;

  const expectAlive = () => {
    expect(gw.child.exitCode).toBeNull();
    expect(gw.child.signalCode).toBeNull();
  };

  it('starts ready, with reports approved and waiting for the national system', async () => {
    await until(async () => (await gw.ready()) === 200, 'the gateway to be ready');
    await gw.waitForLog(logged('demo traffic started'), 'the demo reports to be sent', 0, 240_000);
    waiting = await until(async () => {
      const rows = await nationalPackets(observer);
      return rows.length > 0 && rows;
    }, 'national packets in the outbox');
    expect(waiting.every((p) => p.state !== 'acknowledged')).toBe(true);
    expect((await login()).status).toBe(200);
  }, 300_000);

  it('during a black hole to PostgreSQL: /health answers, /ready names the database, a request gets 503 DATABASE_UNAVAILABLE; healed, it recovers', async () => {
    const from = gw.logs.length;
    pgLink.blackHole();
    expect(await health()).toBe(200);
    const unready = await until(async () => {
      const r = await readiness();
      return r.status === 503 && r.checks.some((c) => c.name === 'database' && !c.ok) && r;
    }, '/ready to name the database');
    expect(unready.checks.find((c) => c.name === 'database')?.ok).toBe(false);
    const refused = await login();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('DATABASE_UNAVAILABLE');
    const lostAt = await gw.waitForLog(logged('database connection lost; reconnecting on demand'), 'the database loss to be logged', from);
    expect(await health()).toBe(200);

    pgLink.heal();
    await until(async () => (await readiness()).status === 200, '/ready to turn true after the heal');
    await gw.waitForLog(logged('database connection restored'), 'the database to be said restored', lostAt);
    expect((await login()).status).toBe(200);
    expectAlive();
  }, 400_000);

  it('during a black hole to Redis: /health answers, /ready names Redis, login still answers; healed, it recovers', async () => {
    const from = gw.logs.length;
    redisLink.blackHole();
    expect(await health()).toBe(200);
    await until(async () => {
      const r = await readiness();
      return r.status === 503 && r.checks.some((c) => !c.ok && /redis/i.test(c.detail ?? ''));
    }, '/ready to name Redis');
    // The rate limits' Redis commands fail after their bound and the memory limiter counts instead.
    expect((await login()).status).toBe(200);
    const lostAt = await gw.waitForLog(logged('redis connection lost; reconnecting'), 'the Redis loss to be logged', from);
    expect(await health()).toBe(200);

    redisLink.heal();
    await until(async () => (await readiness()).status === 200, '/ready to turn true after the heal');
    await gw.waitForLog(logged('redis connection restored'), 'Redis to be said restored', lostAt);
    expectAlive();
  }, 400_000);

  it('then delivers every report approved before the black holes, each exactly once, and stops with exit code 0', async () => {
    await expectDeliveredOnce(observer, national, waiting);
    gw.child.kill('SIGTERM');
    expect(await gw.exited).toBe(0);
  }, 300_000);
});

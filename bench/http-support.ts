/**
 * Shared set-up of the HTTP benchmarks: the whole gateway (every module) on a private schema of
 * the bench database (never the shared `test`), a bare node:http server as the limit, wrk
 * (Debian package `wrk`) as the load generator in its own process, and a real ministry client
 * that gets its bearer token with private_key_jwt at /api/v1/oauth/token.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT, importPKCS8 } from 'jose';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import type { Gateway } from '../src/app/gateway.js';
import { createApp } from '../src/app/app.js';
import { readClientKey } from '../src/identity/clients/keys.js';
import { clientsStore } from '../src/identity/store/clients.js';
import { migrate } from '../src/store/migrate.js';
import { PostgresDatabase } from '../src/store/postgres-database.js';
import type { Database } from '../src/store/database.js';
import { BENCH_DATABASE_URL, ensureBenchDatabase } from './private-db.js';

const run = promisify(execFile);
export const DEMO_CLIENT_KEY_PEM = readFileSync(new URL('../fixtures/identity/demo-ministry-client.key.pem', import.meta.url), 'utf8');
const DEMO_CLIENT_CERT_PEM = readFileSync(new URL('../fixtures/identity/demo-ministry-client.cert.pem', import.meta.url), 'utf8');

/** A fresh schema of the private bench database, migrated; dropped by dispose(). */
export async function benchSchema(max = 20): Promise<{ db: Database; schema: string; dispose(): Promise<void> }> {
  await ensureBenchDatabase(BENCH_DATABASE_URL);
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = PostgresDatabase.open({ connectionString: BENCH_DATABASE_URL, schema, max });
  await migrate(db);
  return {
    db,
    schema,
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** The whole gateway (default modules, demo seed, in-process simulators) listening on a free port. */
export async function startBenchGateway(db: Database, env: Record<string, string> = {}): Promise<{ gw: Gateway; base: string }> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const base = `http://127.0.0.1:${port}`;
  const gw = await createApp({
    config: loadConfig({
      PORT: String(port),
      PUBLIC_URL: base,
      SEED_DEMO: 'true',
      START_SIMULATORS: 'true',
      DEMO_PASSWORD: 'Bench#2026-perf',
      LOG_LEVEL: 'error',
      // The bench is one client from 127.0.0.1: limits high enough never to refuse, still counted per request.
      RATE_LIMIT_MINISTRY_PER_CLIENT: '100000000',
      RATE_LIMIT_MINISTRY_PER_IP: '100000000',
      MINISTRY_CONNECTORS_SCHEDULE: 'false',
      DEMO_TRAFFIC: 'false',
      BODY_LIMIT: '20mb',
      ...env,
    }),
    db,
  });
  await gw.listen(port, '127.0.0.1');
  await gw.start();
  return { gw, base };
}

/** A bare node:http server answering what /health answers: the ceiling of any Node HTTP route here. */
export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const body = JSON.stringify({ status: 'ok' });
  const s: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(body);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

/** Registers a ministry client with the demo client certificate (its private key signs the assertions). */
export async function registerBenchClient(db: Database, clientId: string, ministryCode: string, pattern: string | null): Promise<void> {
  const key = readClientKey(DEMO_CLIENT_CERT_PEM);
  await clientsStore.insert(
    db,
    {
      clientId,
      name: `bench ${clientId}`,
      ministryCode,
      orgUnitId: 'lai-chau',
      indicatorCodes: [],
      indicatorPattern: pattern,
      publicKeyPem: key.publicKeyPem,
      certSha256: null,
      status: 'active',
      createdAt: new Date(),
    },
    new Date(),
  );
}

/** A bearer token through the real token endpoint: a private_key_jwt assertion (RFC 7523) signed with the client's key. */
export async function clientBearer(base: string, clientId: string): Promise<string> {
  const audience = `${base}/api/v1/oauth/token`;
  const iat = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(await importPKCS8(DEMO_CLIENT_KEY_PEM, 'RS256'));
  const res = await fetch(audience, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
}

const DONE_LUA = `
done = function(summary, latency, requests)
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

/**
 * wrk with `connections` connections for `seconds`; `lua` may define `request` (e.g. a POST with
 * a body that changes per request). Latencies in milliseconds.
 */
export async function wrk(url: string, o: { connections?: number; seconds?: number; lua?: string } = {}): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  const script = join(dir, 'bench.lua');
  writeFileSync(script, `${o.lua ?? ''}\n${DONE_LUA}`);
  try {
    const { stdout } = await run(
      'wrk',
      ['-t2', `-c${o.connections ?? 100}`, `-d${o.seconds ?? 10}s`, '--timeout', '10s', '-s', script, url],
      { maxBuffer: 1 << 20 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const j = JSON.parse(line.slice(9)) as Record<string, number>;
    const seconds = j.duration_us! / 1e6;
    return {
      requests: j.requests!,
      seconds,
      rps: j.requests! / seconds,
      errors: j.errors!,
      non2xx: j.non2xx!,
      p50: j.p50_us! / 1000,
      p95: j.p95_us! / 1000,
      p99: j.p99_us! / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeWrk(label: string, r: WrkResult): string {
  return `${label.padEnd(44)} ${Math.round(r.rps).toLocaleString('en').padStart(8)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx)`;
}

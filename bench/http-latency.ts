/**
 * Latency at 100 connections (wrk, its own process), the whole gateway on PostgreSQL (private
 * bench schema) in this process, measured beside a bare node:http server in the same run:
 * - GET /health vs the bare server (goal: ≥ 0.5 of its throughput);
 * - GET /metrics (goal: p95 < 50 ms);
 * - POST /api/v1/ministry/data, a small document (one value; 24 units × 30 years × 2 cells in
 *   turn, so concurrent pushes rarely wait on one row's lock; each push is a real write) with a bearer token obtained with private_key_jwt (goal: p95 < 50 ms,
 *   ≥ 1,000 req/s).
 *   Beside it, pgbench's rate for one commit of the same three rows (value, import record,
 *   audit entry): the database's own limit for this write.
 * Run: npx tsx bench/http-latency.ts [seconds per round, default 10] [connections, default 100]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../src/core/seed/seed-demo.js';
import { logger } from '../src/shared/logger.js';
import { pgbenchTps } from './pgbench.js';
import { benchSchema, clientBearer, describeWrk, startBareServer, startBenchGateway, wrk } from './http-support.js';

logger.level = process.env.LOG_LEVEL ?? 'error';
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 100);
// BENCH_ROUNDS=health,metrics,push picks rounds (e.g. one at a time under --cpu-prof).
const rounds = new Set((process.env.BENCH_ROUNDS ?? 'health,metrics,push').split(','));
const ORGS = (
  JSON.parse(readFileSync(join(FIXTURES_DIR, 'province', 'org-units.json'), 'utf8')) as { units: { orgCode: string }[] }
).units.map((u) => u.orgCode);
const CLIENT_ID = 'thong-ke-demo'; // the demo ministry client (BKHDT, indicators 01xx), seeded with SEED_DEMO

const PUSH_SHAPED_COMMIT = `BEGIN;
INSERT INTO pgbench_rows (body) VALUES (repeat('v', 120));
INSERT INTO pgbench_rows (body) VALUES (repeat('i', 600));
INSERT INTO pgbench_rows (body) VALUES (repeat('a', 300));
COMMIT;
`;

const pushLua = (bearer: string) => `
local n = 0
local orgs = { ${ORGS.map((o) => `'${o}'`).join(', ')} }
request = function()
  n = n + 1
  local org = orgs[(n % #orgs) + 1]
  local year = 2000 + (math.floor(n / #orgs) % 30)
  local body = '{"packetType":"kpi-data","payload":{"period":{"kind":"N","year":' .. year .. '},"reportingOrg":{"orgCode":"' .. org .. '"},"observations":[{"indicatorCode":"DS.TB","value":' .. (500 + (n % 1000) / 10) .. ',"unit":"nghìn người","disaggregation":{"GT":"' .. ((math.floor(n / (#orgs * 30)) % 2 == 0) and 'NU' or 'NAM') .. '"}}]}}'
  return wrk.format('POST', '/api/v1/ministry/data', { ['Authorization'] = 'Bearer ${bearer}', ['Content-Type'] = 'application/json' }, body)
end
`;

const store = await benchSchema();
const { gw, base } = await startBenchGateway(store.db);
const bare = await startBareServer();
try {
  const bearer = await clientBearer(base, CLIENT_ID);
  const check = await fetch(`${base}/api/v1/ministry/data`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      packetType: 'kpi-data',
      payload: {
        period: { kind: 'N', year: 2025 },
        reportingOrg: { orgCode: '000.00.00.H29' },
        observations: [{ indicatorCode: 'DS.TB', value: 1, unit: 'nghìn người', disaggregation: { GT: 'NU' } }],
      },
    }),
  });
  if (check.status !== 200) throw new Error(`push refused: ${check.status} ${await check.text()}`);
  console.log(`http latency: wrk -t2 -c${connections} -d${seconds}s; gateway (all modules, PostgreSQL) and bare node:http in this process`);
  // Warm up both (JIT, pools), then interleave so both sides see the same machine load.
  await wrk(bare.url, { connections, seconds: 2 });
  await wrk(`${base}/health`, { connections, seconds: 2 });
  const bareRun = await wrk(bare.url, { connections, seconds });
  console.log(describeWrk('bare node:http (limit)', bareRun));
  if (rounds.has('health')) {
    const health = await wrk(`${base}/health`, { connections, seconds });
    console.log(describeWrk('GET /health', health));
    console.log(`  /health throughput ratio ${(health.rps / bareRun.rps).toFixed(2)} (goal ≥ 0.5)`);
  }
  if (rounds.has('metrics')) {
    const metrics = await wrk(`${base}/metrics`, { connections, seconds });
    console.log(describeWrk('GET /metrics', metrics));
    console.log(
      `  /metrics p95 ${metrics.p95.toFixed(1)} ms (goal < 50 ms); throughput ratio to bare ${(metrics.rps / bareRun.rps).toFixed(2)}`,
    );
  }
  if (rounds.has('push')) {
    await wrk(`${base}/api/v1/ministry/data`, { connections, seconds: 2, lua: pushLua(bearer) });
    const push = await wrk(`${base}/api/v1/ministry/data`, { connections, seconds, lua: pushLua(bearer) });
    console.log(describeWrk('POST /api/v1/ministry/data (1 value, bearer)', push));
    // What the database itself does with the same write: one commit of three rows (the value,
    // the import record with its summary, the audit entry), from as many connections as the pool.
    await new Promise((r) => setTimeout(r, 3000));
    const dbLimit = await pgbenchTps(PUSH_SHAPED_COMMIT, 20, seconds);
    console.log(`pgbench, 20 clients, one commit of 3 rows (the push's writes)  ${Math.round(dbLimit).toLocaleString('en')} commits/s`);
    console.log(`  push throughput ratio to that commit rate ${(push.rps / dbLimit).toFixed(2)}`);
    console.log(
      `  push p95 ${push.p95.toFixed(1)} ms (goal < 50 ms), ${Math.round(push.rps)} req/s (goal ≥ 1,000); ratio to bare ${(push.rps / bareRun.rps).toFixed(3)}`,
    );
    // Requests wrk left in flight finish before the gateway closes.
    await new Promise((r) => setTimeout(r, 3000));
  }
} finally {
  await bare.close();
  await gw.close({ drainMs: 1000 });
  await store.dispose();
}

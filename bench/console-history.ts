/**
 * Console, status and audit verify at history size (issue 14): loads the private bench
 * database (bench/history-loader.ts, BENCH_SCALE / BENCH_PACKETS), starts the gateway on it
 * (no workers), logs in as the demo ops account over real HTTP with a real bearer token, then
 * for every console endpoint: p95 of BENCH_REQUESTS requests at BENCH_CONCURRENCY, beside the
 * 100 ms limit; RSS before and after; `lienthong status` wall time beside 1 s; audit verify
 * records/s beside 100k/s; and the EXPLAIN plan of each console query.
 *   BENCH_SCALE=0.2 npx tsx bench/console-history.ts
 */
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { verifyMessageLog } from '../src/delivery/message-log.js';
import { pageQuery } from '../src/delivery/packet-pages.js';
import { createApp } from '../src/app/app.js';
import { PostgresDatabase } from '../src/store/postgres-database.js';
import { BENCH_PASSWORD, loadHistory } from './history-loader.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

const url = await loadHistory();
const config = loadConfig({
  // Migrations that index 10M values outlast the 30 s client-side statement bound.
  DATABASE_QUERY_TIMEOUT_SECONDS: '0',
  ...process.env,
  DATABASE_URL: url,
  REDIS_URL: '',
  SEED_DEMO: 'false',
  START_SIMULATORS: 'false',
  DEMO_TRAFFIC: 'false',
  DELIVERY_WORKER: 'false',
  LOG_LEVEL: 'warn',
  PORT: '0',
});
const gateway = await createApp({ config });
const server = await gateway.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const login = await fetch(`${base}/api/v1/auth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'vanhanh', password: BENCH_PASSWORD }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const token = ((await login.json()) as { access_token: string }).access_token;
const auth = { authorization: `Bearer ${token}` };

const db = PostgresDatabase.open({ connectionString: url, max: 2 });
const unit = (await db.query<{ org_unit_id: string }>(`SELECT org_unit_id FROM submissions WHERE id = 'bs-1'`)).rows[0]!.org_unit_id;
const indicator = (await db.query<{ code: string }>('SELECT code FROM indicators ORDER BY code LIMIT 1')).rows[0]!.code;
const firstPage = (await (await fetch(`${base}/api/v1/console/packets?limit=50`, { headers: auth })).json()) as { nextCursor: string };

const endpoints: [string, string][] = [
  ['overview (no period)', '/api/v1/console/overview'],
  ['overview (one period)', '/api/v1/console/overview?periodKey=2025-M06'],
  ['packets (first page)', '/api/v1/console/packets?limit=50'],
  ['packets (next page, cursor)', `/api/v1/console/packets?limit=50&cursor=${firstPage.nextCursor}`],
  ['packets (state dead)', '/api/v1/console/packets?state=dead&limit=50'],
  ['packets (one period)', '/api/v1/console/packets?periodKey=2025-M06&limit=50'],
  ['dead letters', '/api/v1/console/dead-letters?limit=50'],
  ['errors', '/api/v1/console/errors?limit=50'],
  ['packet + history', '/api/v1/console/packets/bp-12345'],
  ['periods', '/api/v1/console/periods'],
  ['units', '/api/v1/console/units'],
  ['unit indicators', `/api/v1/console/units/${unit}/indicators`],
  ['unit series', `/api/v1/console/units/${unit}/series?indicatorCode=${indicator}`],
];

async function timed(path: string): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const res = await fetch(base + path, { headers: auth });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

const rss0 = process.memoryUsage().rss;
const counts = await db.query<{ p: number; a: number; l: number; v: number }>(
  `SELECT (SELECT count(*) FROM delivery_packets)::int AS p, (SELECT count(*) FROM delivery_attempts)::int AS a,
          (SELECT count(*) FROM delivery_message_log)::int AS l, (SELECT count(*) FROM submission_values)::int AS v`,
);
console.log(`history: ${JSON.stringify(counts.rows[0])}; ${REQUESTS} requests per endpoint at ${CONCURRENCY} connections`);
console.log('| endpoint | p50 ms | p95 ms | limit | p95/limit |\n| --- | --- | --- | --- | --- |');
for (const [name, path] of endpoints) {
  const t = await timed(path);
  const p95 = t[Math.floor(t.length * 0.95)]!;
  console.log(`| ${name} | ${t[Math.floor(t.length / 2)]!.toFixed(1)} | ${p95.toFixed(1)} | 100 | ${(p95 / 100).toFixed(2)} |`);
}
const rss1 = process.memoryUsage().rss;
console.log(
  `gateway RSS before ${(rss0 / 2 ** 20).toFixed(0)} MB, after ${(rss1 / 2 ** 20).toFixed(0)} MB (${(((rss1 - rss0) / rss0) * 100).toFixed(1)} %)`,
);
server.close();
await gateway.close();

const statusEnv = { ...process.env, DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'warn', LIENTHONG_URL: '' };
// Once untimed: the launcher builds dist/ when src/ is newer (a one-time cost, not the command's).
execFileSync('node', ['bin/lienthong.js', 'status'], { env: statusEnv, encoding: 'utf8' });
const t0 = performance.now();
const out = execFileSync('node', ['bin/lienthong.js', 'status'], { env: statusEnv, encoding: 'utf8' });
const statusMs = performance.now() - t0;
console.log(
  `lienthong status: ${statusMs.toFixed(0)} ms (limit 1000 ms, ratio ${(statusMs / 1000).toFixed(2)}), ${out.split('\n').length} lines`,
);

const v0 = performance.now();
const verified = await verifyMessageLog(db);
const vs = (performance.now() - v0) / 1000;
console.log(
  `audit verify: ${verified.checked} records in ${vs.toFixed(2)} s = ${Math.round(verified.checked / vs)} records/s (target 100,000/s, ratio ${(verified.checked / vs / 100_000).toFixed(2)}), ok=${verified.ok}`,
);

const explain = async (name: string, sql: string, params: unknown[] = []) => {
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
  console.log(`\n#### ${name}\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
};
await explain(
  'overview counts (no period)',
  `SELECT channel, state, sum(n) FROM (SELECT channel, state, n FROM delivery_packet_counts WHERE route = 'national' AND subject_kind = 'report' UNION ALL SELECT channel, state, n FROM delivery_packet_count_deltas WHERE route = 'national' AND subject_kind = 'report') c GROUP BY 1, 2`,
);
await explain(
  'overview reports page (no period)',
  `SELECT packet_id, submission_id FROM delivery_packets WHERE route = 'national' AND subject_kind = 'report' ORDER BY created_at DESC, packet_id DESC LIMIT 101`,
);
await explain(
  'overview reports page (one period)',
  `SELECT packet_id, submission_id FROM delivery_packets WHERE route = 'national' AND subject_kind = 'report' AND period_key = '2025-M06' ORDER BY created_at DESC, packet_id DESC LIMIT 101`,
);
for (const [name, filter] of [
  ['packets page', {}],
  ['packets page (state)', { state: 'dead' }],
  ['packets page (period)', { periodKey: '2025-M06' }],
  ['dead letters page', { states: ['dead', 'rejected'] }],
] as const) {
  const q = pageQuery(filter as never, 50);
  await explain(name, q.sql, q.params);
}
await explain(
  'recent errors',
  `SELECT at, packet_id, channel, error_code, error_message FROM delivery_attempts WHERE outcome <> 'ok' AND error_code IS NOT NULL ORDER BY id DESC LIMIT 50`,
);
await explain(
  'unit indicators',
  `WITH approved AS MATERIALIZED (SELECT id FROM submissions WHERE org_unit_id = $1 AND state = ANY($2))
   SELECT u.indicator_code AS code FROM submission_unit_indicators u
    WHERE u.org_unit_id = $1 AND u.indicator_code = ANY($3::text[])
      AND EXISTS (SELECT 1 FROM approved s JOIN submission_values v ON v.submission_id = s.id AND v.indicator_code = u.indicator_code)
    ORDER BY u.indicator_code`,
  [
    unit,
    ['approved', 'sent', 'accepted', 'correction_requested'],
    (await db.query<{ code: string }>('SELECT code FROM indicators')).rows.map((r) => r.code),
  ],
);
await explain(
  'unit series',
  `WITH RECURSIVE periods AS (
     SELECT (SELECT min(period_key) FROM submissions WHERE org_unit_id = $1 AND state = ANY($3)) AS p
     UNION ALL
     SELECT (SELECT min(period_key) FROM submissions WHERE org_unit_id = $1 AND state = ANY($3) AND period_key > periods.p) FROM periods WHERE p IS NOT NULL
   )
   SELECT periods.p AS period_key, v.column_code, v.value FROM periods
     CROSS JOIN LATERAL (SELECT s.id FROM submissions s WHERE s.org_unit_id = $1 AND s.period_key = periods.p AND s.state = ANY($3)
       AND EXISTS (SELECT 1 FROM submission_values x WHERE x.submission_id = s.id AND x.indicator_code = $2 AND x.disaggregation_key = '')
       ORDER BY s.updated_at DESC, s.id DESC LIMIT 1) latest
     JOIN submission_values v ON v.submission_id = latest.id AND v.indicator_code = $2 AND v.disaggregation_key = ''
    ORDER BY 1, 2`,
  [unit, indicator, ['approved', 'sent', 'accepted', 'correction_requested']],
);
await explain('packet history', `SELECT attempt, channel, at, outcome FROM delivery_attempts WHERE packet_id = 'bp-12345' ORDER BY id`);
await explain(
  'audit verify page',
  `SELECT seq, hash, encode(sha256(convert_to(payload, 'UTF8')), 'hex') = payload_hash AS ok FROM delivery_message_log WHERE seq >= 1 ORDER BY seq LIMIT 20000`,
);
await db.close();

/**
 * Fills a PRIVATE benchmark database (bench/private-db.ts, default lienthong_bench) with years
 * of history through the project's own schema: the gateway migrates it and seeds the demo
 * province (units, catalog, regimes, accounts; ops account `vanhanh`, password BENCH_PASSWORD),
 * then generate_series fills submissions, indicator values, packets (through the counter
 * triggers), attempts, and a valid hash-chained message log (hashes computed here, inserted in
 * batches). Sizes (defaults = issue 14): BENCH_PACKETS 1,000,000; attempts 2×, message log 2×,
 * indicator values 10× (BENCH_SCALE multiplies all, e.g. 0.1 for a quick run).
 *   npx tsx bench/history-loader.ts
 */
import { createHash } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { GENESIS_HASH, chainHashFast } from '../src/delivery/message-log.js';
import { createApp } from '../src/app/app.js';
import { PostgresDatabase } from '../src/store/postgres-database.js';
import { ensureBenchDatabase } from './private-db.js';

export const BENCH_PASSWORD = process.env.BENCH_PASSWORD ?? 'Bench@2026-lienthong';
const scale = Number(process.env.BENCH_SCALE ?? 1);
const PACKETS = Math.round(Number(process.env.BENCH_PACKETS ?? 1_000_000) * scale);
const ATTEMPTS = PACKETS * 2;
const LOG = PACKETS * 2;
const VALUES = PACKETS * 10;
const VALUES_PER_SUBMISSION = 100;
const SUBMISSIONS = Math.max(1, Math.floor(VALUES / VALUES_PER_SUBMISSION));
const CHUNK = 200_000;

const sec = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

export async function loadHistory(): Promise<string> {
  const url = await ensureBenchDatabase();
  const config = loadConfig({
    DATABASE_QUERY_TIMEOUT_SECONDS: '0',
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: '',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: BENCH_PASSWORD,
    START_SIMULATORS: 'false',
    DEMO_TRAFFIC: 'false',
    LOG_LEVEL: 'warn',
  });
  const gateway = await createApp({ config });
  await gateway.close();
  // One statement inserts up to 2M rows: on a loaded 2-core machine that outlasts the default
  // 30 s client-side query timeout.
  const db = PostgresDatabase.open({ connectionString: url, max: 4, env: { DATABASE_QUERY_TIMEOUT_SECONDS: '0' } });
  try {
    const have = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_packets')).rows[0]!.n;
    if (have >= PACKETS) {
      console.log(`history already loaded: ${have} packets`);
      return url;
    }
    const units = (await db.query<{ id: string }>(`SELECT id FROM org_units ORDER BY id`)).rows.map((r) => r.id);
    const indicators = (await db.query<{ code: string }>(`SELECT code FROM indicators ORDER BY code LIMIT 50`)).rows.map((r) => r.code);
    const cells = Array.from({ length: VALUES_PER_SUBMISSION }, (_, i) => [
      indicators[i % indicators.length]!,
      `c${Math.floor(i / indicators.length)}`,
    ]);
    console.log(
      `loading ${SUBMISSIONS} submissions, ${VALUES} values, ${PACKETS} packets, ${ATTEMPTS} attempts, ${LOG} message-log rows over ${units.length} units`,
    );
    const t0 = performance.now();
    // 36 monthly periods; created_at spread over three years.
    const common = `(ARRAY(SELECT '202' || (4 + m / 12) || '-M' || lpad((1 + m % 12)::text, 2, '0') FROM generate_series(0, 35) m))`;
    for (let from = 0; from < SUBMISSIONS; from += CHUNK) {
      await db.query(
        `INSERT INTO submissions (id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, state, created_by, created_at, approved_at, updated_at)
         SELECT 'bs-' || i, 'ba-' || i, ($1::text[])[1 + i % cardinality($1::text[])], 'BENCH', 'BENCH', ${common}[1 + i % 36], 'data', 'accepted', 'bench',
           timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-01-01' + i * interval '1 minute'
         FROM generate_series($2::int, $3::int) i`,
        [units, from, Math.min(from + CHUNK, SUBMISSIONS) - 1],
      );
    }
    console.log(`submissions ${sec(t0)} s`);
    for (let from = 0; from < SUBMISSIONS; from += (CHUNK / VALUES_PER_SUBMISSION) * 10) {
      const to = Math.min(from + (CHUNK / VALUES_PER_SUBMISSION) * 10, SUBMISSIONS) - 1;
      await db.query(
        `INSERT INTO submission_values (submission_id, indicator_code, column_code, value, entered_by, entered_at)
         SELECT 'bs-' || i, c[1], c[2], (i * 7 + k) % 1000, 'bench', timestamptz '2024-01-01'
         FROM generate_series($1::int, $2::int) i, LATERAL (SELECT k, ($3::text[])[k] AS x FROM generate_series(1, cardinality($3::text[])) k) cells,
              LATERAL (SELECT string_to_array(cells.x, '|') AS c) parts`,
        [from, to, cells.map((c) => c.join('|'))],
      );
    }
    console.log(`values ${sec(t0)} s`);
    const states = `(ARRAY['acknowledged','acknowledged','acknowledged','acknowledged','acknowledged','acknowledged','acknowledged','reconciled','delivered','dead','rejected','queued'])`;
    for (let from = 0; from < PACKETS; from += CHUNK) {
      await db.query(
        `INSERT INTO delivery_packets (packet_id, idempotency_key, route, subject_kind, subject_id, submission_id, packet_type, org_unit_id, period_key, form_code, title, body, signature,
           state, channel, attempts, created_at, updated_at, last_error_code)
         SELECT 'bp-' || i, 'bk-' || i, CASE WHEN i % 10 = 9 THEN 'archive' ELSE 'national' END, 'report', s.id, s.id, 'BC_DU_LIEU', s.org_unit_id, s.period_key, 'BENCH',
           'Báo cáo', '{"bench":true}', 'sig', ${states}[1 + i % 12], CASE WHEN i % 10 = 9 THEN 'edoc' ELSE 'national' END, 2,
           timestamptz '2024-01-01' + i * interval '90 second', timestamptz '2024-01-01' + i * interval '90 second' + interval '5 second',
           CASE WHEN i % 12 IN (9, 10) THEN 'NATIONAL_5XX' END
         FROM generate_series($1::int, $2::int) i JOIN submissions s ON s.id = 'bs-' || (i % $3::int)`,
        [from, Math.min(from + CHUNK, PACKETS) - 1, SUBMISSIONS],
      );
    }
    console.log(`packets ${sec(t0)} s`);
    for (let from = 0; from < ATTEMPTS; from += CHUNK) {
      await db.query(
        `INSERT INTO delivery_attempts (packet_id, attempt, channel, at, outcome, error_code, error_message, duration_ms)
         SELECT 'bp-' || (i / 2), 1 + i % 2, 'national', timestamptz '2024-01-01' + i * interval '45 second',
           CASE WHEN i % 20 = 0 THEN 'retry' ELSE 'ok' END, CASE WHEN i % 20 = 0 THEN 'NATIONAL_5XX' END, CASE WHEN i % 20 = 0 THEN 'HTTP 503' END, 40
         FROM generate_series($1::int, $2::int) i`,
        [from, Math.min(from + CHUNK, ATTEMPTS) - 1],
      );
    }
    console.log(`attempts ${sec(t0)} s`);
    let prev = GENESIS_HASH;
    const batch = 20_000;
    for (let from = 1; from <= LOG; from += batch) {
      const cols: {
        seq: number[];
        at: string[];
        dir: string[];
        pid: string[];
        payload: string[];
        ph: string[];
        prev: string[];
        hash: string[];
      } = { seq: [], at: [], dir: [], pid: [], payload: [], ph: [], prev: [], hash: [] };
      for (let seq = from; seq < Math.min(from + batch, LOG + 1); seq++) {
        const at = new Date(Date.UTC(2024, 0, 1) + seq * 45_000).toISOString();
        const dir = seq % 2 ? 'out' : 'in';
        const pid = `bp-${Math.floor(seq / 2)}`;
        const payload = `{"packetId":"${pid}","seq":${seq},"body":"${'x'.repeat(200)}"}`;
        const ph = createHash('sha256').update(payload, 'utf8').digest('hex');
        const hash = chainHashFast(prev, seq, at, dir, pid, 'national', ph);
        cols.seq.push(seq);
        cols.at.push(at);
        cols.dir.push(dir);
        cols.pid.push(pid);
        cols.payload.push(payload);
        cols.ph.push(ph);
        cols.prev.push(prev);
        cols.hash.push(hash);
        prev = hash;
      }
      await db.query(
        `INSERT INTO delivery_message_log (seq, at, direction, packet_id, channel, payload_hash, payload, prev_hash, hash)
         SELECT s, a::timestamptz, d, p, 'national', ph, pl, pv, h FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(s, a, d, p, ph, pl, pv, h)`,
        [cols.seq, cols.at, cols.dir, cols.pid, cols.ph, cols.payload, cols.prev, cols.hash],
      );
    }
    await db.query('UPDATE delivery_message_head SET seq = $1, hash = $2 WHERE id = 1', [LOG, prev]);
    console.log(`message log ${sec(t0)} s`);
    await db.query('ANALYZE');
    console.log(`loaded in ${sec(t0)} s`);
    return url;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await loadHistory();

/**
 * The message-log archiver at history size (issue 14, "bounded growth"): on a private COPY of the
 * 1M-packet history database (`createdb -T lienthong_bench_1m lienthong_bench_archive`, never the
 * loaded original and never `test`), `lienthong audit archive` moves every message-log record,
 * time stamp and delivery attempt older than the newest record into hash-linked files, then
 * `lienthong audit verify --archive DIR` checks the files and the live chain from the first
 * record. Beside them, in the same run, the limit: the raw export of the same rows
 * (`COPY (SELECT * FROM …) TO STDOUT` through psql to /dev/null).
 *   BENCH_DATABASE_URL=postgres://…/lienthong_bench_archive npx tsx bench/archive-2m.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase } from '../src/store/postgres-database.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lienthong_bench_archive';
const name = decodeURIComponent(new URL(url).pathname.slice(1));
if (name === 'test' || name === 'lienthong_bench_1m') throw new Error(`the archiver empties what it archives: use a copy, not "${name}"`);

const db = PostgresDatabase.open({ connectionString: url, max: 2 });
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const before = { log: await count('delivery_message_log'), attempts: await count('delivery_attempts') };
const newest = (await db.query<{ at: Date }>('SELECT max(at) AS at FROM delivery_message_log')).rows[0]!.at;
console.log(`history: ${before.log} message-log records, ${before.attempts} attempts`);

const rawStart = performance.now();
for (const table of ['delivery_message_log', 'delivery_attempts'])
  execFileSync('psql', [url, '-qAtc', `COPY (SELECT * FROM ${table}) TO STDOUT`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 1 << 30,
  });
const rawS = (performance.now() - rawStart) / 1000;
const rows = before.log + before.attempts;
console.log(
  `limit: raw export of the same rows (COPY TO STDOUT)  ${rows} rows in ${rawS.toFixed(2)} s = ${Math.round(rows / rawS)} rows/s`,
);

const dir = mkdtempSync(join(tmpdir(), 'lienthong-archive-'));
const env = { ...process.env, DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'warn', LIENTHONG_URL: '', MESSAGE_LOG_ARCHIVE_DIR: dir };
// Everything older than the newest record: the whole history but the chain's head.
const cutoff = new Date(newest.getTime()).toISOString();
const a0 = performance.now();
const out = execFileSync('node', ['bin/lienthong.js', 'audit', 'archive', '--dir', dir, '--before', cutoff, '--json'], {
  env,
  encoding: 'utf8',
});
const archiveS = (performance.now() - a0) / 1000;
const r = JSON.parse(out.trim().split('\n').pop()!) as { files: unknown[]; messages: number; attempts: number; timestamps: number };
const moved = r.messages + r.attempts;
const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
console.log(
  `lienthong audit archive  ${r.messages} records + ${r.attempts} attempts + ${r.timestamps} stamps into ${r.files.length} files (${(bytes / 2 ** 20).toFixed(0)} MB) in ${archiveS.toFixed(2)} s = ${Math.round(moved / archiveS)} rows/s (ratio to raw export ${(moved / archiveS / (rows / rawS)).toFixed(2)})`,
);
const after = { log: await count('delivery_message_log'), attempts: await count('delivery_attempts') };
console.log(`live tables after: ${after.log} message-log records (was ${before.log}), ${after.attempts} attempts (was ${before.attempts})`);

const v0 = performance.now();
let verify: string;
let verifyOk = true;
try {
  verify = execFileSync('node', ['bin/lienthong.js', 'audit', 'verify', '--archive', dir, '--json'], { env, encoding: 'utf8' });
} catch (e) {
  verifyOk = false;
  verify = String((e as { stdout?: string }).stdout ?? e);
}
const verifyS = (performance.now() - v0) / 1000;
const ok = verifyOk && (JSON.parse(verify.trim().split('\n').pop()!) as { ok: boolean }).ok;
console.log(
  `lienthong audit verify --archive  ${before.log} records (files + live) in ${verifyS.toFixed(2)} s = ${Math.round(before.log / verifyS)} records/s (target 100,000/s, ratio ${(before.log / verifyS / 100_000).toFixed(2)}), ok=${ok}`,
);
await db.close();
rmSync(dir, { recursive: true, force: true });
if (!ok) {
  console.log(verify.slice(0, 2000));
  process.exit(1);
}

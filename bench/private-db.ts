/**
 * Benchmarks run against a PRIVATE database on the local PostgreSQL, never the shared `test`
 * database the suites use: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/lienthong_bench,
 * created when missing.
 */
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lienthong_bench';

export async function ensureBenchDatabase(url = BENCH_DATABASE_URL): Promise<string> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name || name === 'test')
    throw new Error(`benchmarks never use the shared database "${name || '(none)'}": set BENCH_DATABASE_URL to a private one`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
  return url;
}

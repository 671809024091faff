/**
 * pgbench on the private bench database (never the shared `test`): the database's own limit
 * for a given transaction, measured in the same run as the project's figure beside it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DATABASE_URL, ensureBenchDatabase } from './private-db.js';

const run = promisify(execFile);

/** The classic reference: one 2 KB insert per commit. */
export const ONE_2KB_INSERT = "INSERT INTO pgbench_rows (body) VALUES (repeat('x', 2048));\n";

/**
 * Transactions per second of `script` (pgbench syntax; it writes into `pgbench_rows (id, body)`)
 * with `clients` connections for `seconds`; the table is emptied afterwards.
 */
export async function pgbenchTps(script: string, clients = 16, seconds = 5): Promise<number> {
  await ensureBenchDatabase(BENCH_DATABASE_URL);
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const url = new URL(BENCH_DATABASE_URL);
  const db = decodeURIComponent(url.pathname.slice(1));
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  try {
    await run('psql', [...args, '-q', '-c', 'CREATE TABLE IF NOT EXISTS pgbench_rows (id bigserial PRIMARY KEY, body text)', db]);
    writeFileSync(join(dir, 'script.sql'), script);
    const { stdout } = await run('pgbench', [
      ...args,
      '-n',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      join(dir, 'script.sql'),
      db,
    ]);
    await run('psql', [...args, '-q', '-c', 'TRUNCATE pgbench_rows', db]);
    const m = /tps = ([\d.]+)/.exec(stdout);
    if (!m) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

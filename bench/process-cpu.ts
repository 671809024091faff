/**
 * CPU time of the other processes a bench runs against, from /proc (Linux): the machine is
 * shared, so CPU per unit of work is the figure that survives other people's load; wall-clock
 * rates do not. PostgreSQL's share is counted on the bench's own backends only (found by their
 * application_name); Redis is one server for every session, so its figure includes their load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';

/** CPU time (user + system) of one process in ms, or 0 once it has exited. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Pids of the processes whose command name is `comm` (e.g. redis-server). */
export function pidsNamed(comm: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) pids.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Summed CPU of a set of processes between two snapshots; a process new in the second counts whole. */
export function cpuDeltaMs(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

export function snapshot(pids: number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, processCpuMs(p)]));
}

/**
 * The PostgreSQL backends serving connections whose application_name is `appName` (the bench
 * sets PGAPPNAME, which node-postgres reads); PostgreSQL runs on this machine, so their pids are
 * local processes. Background writers and the WAL writer are not included.
 */
export async function backendPids(connectionString: string, appName: string): Promise<number[]> {
  const c = new pg.Client({ connectionString, application_name: 'bench-cpu-probe' });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

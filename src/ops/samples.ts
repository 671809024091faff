import type { DeliveryServices } from '../delivery/services.js';
import type { Database } from '../store/database.js';

const KEEP_MS = 14 * 86_400_000;

/** One sample of every delivery queue's depth (and the packets waiting), at the scheduler's slot. */
export async function sampleQueues(db: Database, delivery: DeliveryServices, at: Date): Promise<void> {
  const depths = await delivery.queueDepths();
  const waiting = (await delivery.summary()).byState.queued ?? 0;
  const rows = { ...depths, waiting };
  await db.query(
    `INSERT INTO ops_samples (at, queue, depth) SELECT $1, key, value::int FROM jsonb_each_text($2::jsonb) ON CONFLICT DO NOTHING`,
    [at, JSON.stringify(rows)],
  );
  await db.query('DELETE FROM ops_samples WHERE at < $1', [new Date(at.getTime() - KEEP_MS)]);
}

export async function queueSeries(db: Database, from: Date, to: Date): Promise<{ at: string; queue: string; depth: number }[]> {
  const res = await db.query<{ at: Date; queue: string; depth: number }>(
    'SELECT at, queue, depth FROM ops_samples WHERE at >= $1 AND at < $2 ORDER BY at, queue LIMIT 20000',
    [from, to],
  );
  return res.rows.map((r) => ({ at: new Date(r.at).toISOString(), queue: r.queue, depth: r.depth }));
}

import type { SqlExecutor } from '../store/database.js';
import { PACKET_STATES, type PacketState, type SyncSummary } from './services.js';

/**
 * Packet counts from the maintained counters (migration 100): folded totals plus the deltas
 * appended since the last fold, so a count costs O(periods × units × channels), not O(packets).
 */
export async function packetCounts(
  db: SqlExecutor,
  filter: { route?: string; subjectKind?: string; periodKey?: string; orgUnitIds?: string[] },
): Promise<Pick<SyncSummary, 'byState' | 'byChannel'>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.route) where.push(`route = $${params.push(filter.route)}`);
  if (filter.subjectKind) where.push(`subject_kind = $${params.push(filter.subjectKind)}`);
  if (filter.periodKey) where.push(`period_key = $${params.push(filter.periodKey)}`);
  if (filter.orgUnitIds) where.push(`org_unit_id = ANY($${params.push(filter.orgUnitIds)}::text[])`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const res = await db.query<{ channel: string; state: PacketState; n: string | number }>(
    `SELECT channel, state, sum(n) AS n FROM (
       SELECT channel, state, n FROM delivery_packet_counts ${cond}
       UNION ALL
       SELECT channel, state, n FROM delivery_packet_count_deltas ${cond}
     ) c GROUP BY channel, state HAVING sum(n) <> 0`,
    params,
  );
  const byState = Object.fromEntries(PACKET_STATES.map((s) => [s, 0])) as Record<PacketState, number>;
  const byChannel: SyncSummary['byChannel'] = {};
  for (const r of res.rows) {
    const n = Number(r.n);
    byState[r.state] = (byState[r.state] ?? 0) + n;
    (byChannel[r.channel] ??= {})[r.state] = n;
  }
  return { byState, byChannel };
}

/**
 * Moves the appended deltas into the totals (a scheduled job; safe to run concurrently: each
 * delta row is deleted, hence counted, once).
 */
export async function foldPacketCounts(db: SqlExecutor, limit = 50_000): Promise<number> {
  const res = await db.query<{ n: number }>(
    `WITH moved AS (
       DELETE FROM delivery_packet_count_deltas WHERE id IN (SELECT id FROM delivery_packet_count_deltas ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING route, subject_kind, period_key, org_unit_id, channel, state, n
     ), summed AS (
       SELECT route, subject_kind, period_key, org_unit_id, channel, state, sum(n)::bigint AS n FROM moved GROUP BY 1, 2, 3, 4, 5, 6
     ), upserted AS (
       INSERT INTO delivery_packet_counts AS c (route, subject_kind, period_key, org_unit_id, channel, state, n) SELECT * FROM summed
       ON CONFLICT (route, subject_kind, period_key, org_unit_id, channel, state) DO UPDATE SET n = c.n + excluded.n
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM moved)::int AS n`,
    [limit],
  );
  await db.query('DELETE FROM delivery_packet_counts WHERE n = 0');
  return res.rows[0]!.n;
}

import type { SqlExecutor } from '../store/database.js';
import type { LatencyBucket, OperationalPage, OperationalQuery, OperationalRecord } from './services.js';

/**
 * Operational monitoring data (X-Road's opmonitoring): one record per exchange attempt with the
 * packet it carried, in a time range, in keyset pages ordered by (at, id) so an IOC pulling every
 * few minutes neither misses nor repeats a record. The cursor is "<epoch-ms>:<id>" of the last row.
 */
export async function operationalRecords(db: SqlExecutor, q: OperationalQuery): Promise<OperationalPage> {
  const [curMs, curId] = q.cursor ? q.cursor.split(':') : [undefined, undefined];
  const res = await db.query<{
    id: string | number;
    at: Date;
    packet_id: string;
    attempt: number;
    channel: string;
    outcome: OperationalRecord['outcome'];
    error_code: string | null;
    duration_ms: number;
    correlation_id: string | null;
    packet_type: string;
    org_unit_id: string | null;
    period_key: string | null;
    form_code: string | null;
    request_size: number;
  }>(
    `SELECT a.id, a.at, a.packet_id, a.attempt, a.channel, a.outcome, a.error_code, a.duration_ms, a.correlation_id,
            p.packet_type, p.org_unit_id, p.period_key, p.form_code, octet_length(p.body) AS request_size
       FROM delivery_attempts a JOIN delivery_packets p ON p.packet_id = a.packet_id
      WHERE a.at >= $1 AND a.at < $2
        AND ($3::timestamptz IS NULL OR (a.at, a.id) > ($3::timestamptz, $4::bigint))
      ORDER BY a.at, a.id LIMIT $5`,
    [q.from, q.to, curMs ? new Date(Number(curMs)) : null, curId ?? null, q.limit + 1],
  );
  const records = res.rows.slice(0, q.limit).map((r) => {
    const at = new Date(r.at);
    return {
      id: String(r.id),
      requestAt: at.toISOString(),
      responseAt: new Date(at.getTime() + r.duration_ms).toISOString(),
      durationMs: r.duration_ms,
      packetId: r.packet_id,
      packetType: r.packet_type,
      attempt: r.attempt,
      channel: r.channel,
      outcome: r.outcome,
      succeeded: r.outcome === 'ok',
      errorCode: r.error_code,
      orgUnitId: r.org_unit_id,
      periodKey: r.period_key,
      formCode: r.form_code,
      requestSize: Number(r.request_size),
      correlationId: r.correlation_id,
    };
  });
  const last = res.rows[q.limit - 1];
  return {
    records,
    nextCursor: res.rows.length > q.limit && last ? `${new Date(last.at).getTime()}:${last.id}` : null,
  };
}

/** Delivery latency per time bucket and channel (successful attempts): count, mean and 95th percentile. */
export async function latencyBuckets(db: SqlExecutor, q: { from: Date; to: Date; bucketMs: number }): Promise<LatencyBucket[]> {
  const res = await db.query<{ bucket: string | number; channel: string; n: string | number; avg: string | number; p95: string | number }>(
    `SELECT floor(extract(epoch FROM at) * 1000 / $3) AS bucket, channel, count(*) AS n, avg(duration_ms) AS avg,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
       FROM delivery_attempts WHERE at >= $1 AND at < $2 AND outcome = 'ok'
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [q.from, q.to, q.bucketMs],
  );
  return res.rows.map((r) => ({
    at: new Date(Number(r.bucket) * q.bucketMs).toISOString(),
    channel: r.channel,
    count: Number(r.n),
    meanMs: Math.round(Number(r.avg)),
    p95Ms: Math.round(Number(r.p95)),
  }));
}

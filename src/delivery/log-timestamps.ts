import type { TimeStampAuthority } from '../exchange/timestamp/tsa-client.js';
import { sha256, verifyTimeStampToken } from '../exchange/timestamp/rfc3161.js';
import type { TrustStore } from '../exchange/pki/trust.js';
import type { Database, SqlExecutor } from '../store/database.js';
import { UnavailableError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';

/** What a time stamp of the chain head covers: its sequence number and hash. */
export const headDigest = (seq: number, hash: string): Buffer => sha256(`lienthong-message-log:${seq}:${hash}`);

/**
 * Time-stamps the message log's chain head when it moved since the last stamp. A failure is
 * recorded (failing since), never thrown: the fail-closed policy decides what it means.
 */
export async function stampHead(db: Database, tsa: TimeStampAuthority, now: () => Date): Promise<'stamped' | 'unchanged' | 'failed'> {
  const head = (await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM delivery_message_head WHERE id = 1'))
    .rows[0]!;
  const seq = Number(head.seq);
  const last = (await db.query<{ seq: string | number }>('SELECT seq FROM delivery_message_timestamps ORDER BY id DESC LIMIT 1')).rows[0];
  if (seq === 0 || (last && Number(last.seq) === seq)) {
    await db.query('UPDATE delivery_timestamp_state SET failing_since = NULL, last_error = NULL WHERE id = 1');
    return 'unchanged';
  }
  try {
    const stamp = await tsa.timestampDigest(headDigest(seq, head.hash));
    await db.query(
      `INSERT INTO delivery_message_timestamps (seq, head_hash, token, gen_time, tsa, created_at) VALUES ($1, $2, $3, $4::timestamptz, $5, $6::timestamptz)`,
      [seq, head.hash, stamp.token.toString('base64'), stamp.genTime.toISOString(), stamp.tsa, now().toISOString()],
    );
    await db.query(
      'UPDATE delivery_timestamp_state SET last_success_at = $1::timestamptz, failing_since = NULL, last_error = NULL WHERE id = 1',
      [now().toISOString()],
    );
    return 'stamped';
  } catch (err) {
    const message = (err as Error).message;
    await db.query(
      'UPDATE delivery_timestamp_state SET failing_since = COALESCE(failing_since, $1::timestamptz), last_error = $2 WHERE id = 1',
      [now().toISOString(), message],
    );
    logger.warn('message log time-stamp failed', { error: message });
    return 'failed';
  }
}

/**
 * X-Road's fail-closed message log: when time-stamping has failed for longer than `limitMs`,
 * no new packet is accepted (the dispatch rolls back with 503 MESSAGE_LOG_TIMESTAMP_FAILING).
 */
export async function assertTimestamping(sql: SqlExecutor, limitMs: number | undefined, now: Date): Promise<void> {
  if (limitMs === undefined) return;
  const s = (
    await sql.query<{ failing_since: Date | null; last_error: string | null }>(
      'SELECT failing_since, last_error FROM delivery_timestamp_state WHERE id = 1',
    )
  ).rows[0];
  if (!s?.failing_since) return;
  const failingMs = now.getTime() - new Date(s.failing_since).getTime();
  if (failingMs > limitMs) {
    throw new UnavailableError(
      'MESSAGE_LOG_TIMESTAMP_FAILING',
      `Không nhận gói tin mới: cấp dấu thời gian cho nhật ký gói tin lỗi từ ${new Date(s.failing_since).toISOString()}`,
      {
        failingSince: new Date(s.failing_since).toISOString(),
        limitMs,
        lastError: s.last_error,
      },
    );
  }
}

export interface TimestampVerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; seq: number; problem: 'TIMESTAMP_INVALID' | 'TIMESTAMP_RECORD_MISMATCH'; message: string };
  /** Newest stamp's time and the chain position it covers. */
  latest?: { seq: number; genTime: string };
}

/** Each stored time stamp: its token verifies (imprint, TSA signature, chain) and names the record's hash at its seq. */
export async function verifyLogTimestamps(sql: SqlExecutor, trust: TrustStore): Promise<TimestampVerifyResult> {
  const rows = (
    await sql.query<{ id: string | number; seq: string | number; head_hash: string; token: string; gen_time: Date }>(
      `SELECT t.id, t.seq, t.head_hash, t.token, t.gen_time FROM delivery_message_timestamps t ORDER BY t.id`,
    )
  ).rows;
  let checked = 0;
  for (const r of rows) {
    const seq = Number(r.seq);
    const id = Number(r.id);
    const rec = (await sql.query<{ hash: string }>('SELECT hash FROM delivery_message_log WHERE seq = $1', [seq])).rows[0];
    if (!rec || rec.hash !== r.head_hash) {
      return {
        ok: false,
        checked,
        firstBad: { id, seq, problem: 'TIMESTAMP_RECORD_MISMATCH', message: `record ${seq} no longer has the time-stamped hash` },
      };
    }
    const v = await verifyTimeStampToken(Buffer.from(r.token, 'base64'), headDigest(seq, r.head_hash), trust);
    if (!v.ok) {
      return {
        ok: false,
        checked,
        firstBad: {
          id,
          seq,
          problem: 'TIMESTAMP_INVALID',
          message: v.checks
            .filter((c) => !c.ok)
            .map((c) => c.message)
            .join('; '),
        },
      };
    }
    checked++;
  }
  const last = rows[rows.length - 1];
  return { ok: true, checked, ...(last ? { latest: { seq: Number(last.seq), genTime: new Date(last.gen_time).toISOString() } } : {}) };
}

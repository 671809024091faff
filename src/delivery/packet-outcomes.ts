/**
 * What one delivery job did to its packet (state, attempts, message-log entries), persisted for
 * a batch of jobs in one statement (group commit, `DeliveryWorker`'s finish batcher).
 */
import type { SqlExecutor } from '../store/database.js';
import { payloadHash } from './message-log.js';
import type { PacketState } from './services.js';

export interface AttemptRecord {
  attempt: number;
  channel: string;
  outcome: 'ok' | 'retry' | 'failed';
  errorCode: string | null;
  errorMessage: string | null;
  durationMs: number;
  correlationId: string | null;
}

export interface MessageRecord {
  direction: 'out' | 'in';
  channel: string;
  payload: string;
  /**
   * The payload is the packet's stored body (what every channel sends): the statement copies it
   * from the packet row instead of carrying the body a second time; its hash is still taken
   * here, from the bytes sent, so `audit verify` would catch a row that differs.
   */
  payloadIsBody?: boolean;
}

/** What one job did to its packet; persisted with the other jobs of its batch. */
export interface PacketOutcome {
  packetId: string;
  /** Applied only if the packet is still in this state (a recall meanwhile wins). */
  expectedState: PacketState;
  state: PacketState;
  channel: string;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  remoteId?: string;
  fallbackRemoteId?: string;
  nextAttemptAt: Date | null;
  /** The remote acknowledged (sets acknowledged_at; a reconciled packet keeps its state). */
  acknowledged?: boolean;
  /** The receipt as received (kept whole on the packet). */
  receipt?: string;
  /** Attempts of this job that do not spend the retry budget (throttled: 429 is not a failure). */
  freeAttempts?: number;
  /** Channel calls made by this job (a failed national call may be followed by the fallback call). */
  attempts: AttemptRecord[];
  messages: MessageRecord[];
}

/**
 * Persists a batch of outcomes in one statement (data-modifying CTEs run atomically): state
 * updates, attempts and message-log entries, in one round trip. Returns the ids whose state
 * was applied.
 */
export async function finishPackets(db: SqlExecutor, outcomes: PacketOutcome[], now: Date): Promise<Set<string>> {
  const updates = outcomes.map((o) => ({
    packet_id: o.packetId,
    expected_state: o.expectedState,
    state: o.state,
    channel: o.channel,
    attempts_inc: o.attempts.length,
    last_error_code: o.lastErrorCode,
    last_error_message: o.lastErrorMessage,
    remote_id: o.remoteId ?? null,
    fallback_remote_id: o.fallbackRemoteId ?? null,
    next_attempt_at: o.nextAttemptAt?.toISOString() ?? null,
    acknowledged: o.acknowledged === true || o.state === 'acknowledged',
    receipt: o.receipt ?? null,
    free_attempts: o.freeAttempts ?? 0,
  }));
  const attempts = outcomes.flatMap((o) =>
    o.attempts.map((a) => ({
      packet_id: o.packetId,
      attempt: a.attempt,
      channel: a.channel,
      outcome: a.outcome,
      error_code: a.errorCode,
      error_message: a.errorMessage,
      duration_ms: a.durationMs,
      correlation_id: a.correlationId,
    })),
  );
  const messages = outcomes.flatMap((o) =>
    o.messages.map((m) => ({
      packet_id: o.packetId,
      direction: m.direction,
      channel: m.channel,
      payload: m.payloadIsBody ? null : m.payload,
      payload_hash: payloadHash(m.payload),
    })),
  );
  const applied = await db.query<{ packet_id: string }>(
    `WITH attempts AS (
       INSERT INTO delivery_attempts (packet_id, attempt, channel, at, outcome, error_code, error_message, duration_ms, correlation_id)
       SELECT v.packet_id, v.attempt, v.channel, $2::timestamptz, v.outcome, v.error_code, v.error_message, v.duration_ms, v.correlation_id
       FROM json_to_recordset($3::json) AS v(packet_id text, attempt int, channel text, outcome text, error_code text,
         error_message text, duration_ms int, correlation_id text)
     ), messages AS (
       INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload, payload_hash)
       SELECT $2::timestamptz, v.direction, v.packet_id, v.channel,
         COALESCE(v.payload, (SELECT b.body FROM delivery_packets b WHERE b.packet_id = v.packet_id)), v.payload_hash
       FROM json_to_recordset($4::json) AS v(direction text, packet_id text, channel text, payload text, payload_hash text)
     )
     UPDATE delivery_packets p SET state = v.state, channel = v.channel, attempts = p.attempts + v.attempts_inc,
       retry_base = p.retry_base + v.free_attempts, receipt = COALESCE(v.receipt, p.receipt),
       last_error_code = v.last_error_code, last_error_message = v.last_error_message,
       remote_id = COALESCE(v.remote_id, p.remote_id), fallback_remote_id = COALESCE(v.fallback_remote_id, p.fallback_remote_id),
       next_attempt_at = v.next_attempt_at, updated_at = $2::timestamptz,
       acknowledged_at = CASE WHEN v.acknowledged THEN $2::timestamptz ELSE p.acknowledged_at END,
       fallback_at = CASE WHEN v.state = 'sent_via_fallback' AND p.fallback_at IS NULL THEN $2::timestamptz ELSE p.fallback_at END,
       reconciled_at = CASE WHEN v.state = 'reconciled' THEN $2::timestamptz ELSE p.reconciled_at END
     FROM json_to_recordset($1::json) AS v(packet_id text, expected_state text, state text, channel text, attempts_inc int,
       last_error_code text, last_error_message text, remote_id text, fallback_remote_id text, next_attempt_at timestamptz,
       acknowledged boolean, receipt text, free_attempts int)
     WHERE p.packet_id = v.packet_id AND p.state = v.expected_state
     RETURNING p.packet_id`,
    [JSON.stringify(updates), now.toISOString(), JSON.stringify(attempts), JSON.stringify(messages)],
    { prepare: 'delivery_finish_packets' },
  );
  return new Set(applied.rows.map((r) => r.packet_id));
}

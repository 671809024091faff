import type { SqlExecutor } from '../store/database.js';
import { currentCorrelationId } from '../shared/logger.js';
import { payloadHash } from './message-log.js';
import type { PacketState } from './services.js';
import type { SubjectKind } from './channel.js';

/** national: primary route with the e-document fallback; archive: records copy to the e-document system; ministry: a connector's push. */
export type PacketRoute = 'national' | 'archive' | 'ministry';

/** A packet row as the engine uses it. */
export interface PacketRecord {
  packetId: string;
  idempotencyKey: string;
  route: PacketRoute;
  subjectKind: SubjectKind;
  /** Submission id, catalog type, KPI set + period (see PacketSubject). */
  subjectId: string;
  subjectVersion: number;
  submissionId: string | null;
  submissionVersion: number;
  packetType: string;
  orgUnitId: string | null;
  periodKey: string | null;
  formCode: string | null;
  title: string;
  body: string;
  signature: string;
  deadline: string | null;
  state: PacketState;
  channel: string;
  attempts: number;
  retryBase: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  remoteId: string | null;
  fallbackRemoteId: string | null;
  /** Correlation id of the dispatching request; every attempt logs under it. */
  correlationId: string | null;
  /** The receiver's last receipt as received (JSON text), proof of delivery. */
  receipt: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPacket = Omit<
  PacketRecord,
  | 'state'
  | 'attempts'
  | 'retryBase'
  | 'lastErrorCode'
  | 'lastErrorMessage'
  | 'remoteId'
  | 'fallbackRemoteId'
  | 'correlationId'
  | 'receipt'
  | 'createdAt'
  | 'updatedAt'
>;

interface PacketRow {
  packet_id: string;
  idempotency_key: string;
  route: PacketRoute;
  subject_kind: SubjectKind | null;
  subject_id: string | null;
  subject_version: number | null;
  submission_id: string | null;
  submission_version: number;
  packet_type: string;
  org_unit_id: string | null;
  period_key: string | null;
  form_code: string | null;
  title: string;
  body: string;
  signature: string;
  deadline: string | null;
  state: PacketState;
  channel: string;
  attempts: number;
  retry_base: number;
  last_error_code: string | null;
  last_error_message: string | null;
  remote_id: string | null;
  fallback_remote_id: string | null;
  correlation_id: string | null;
  receipt?: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toPacketRecord(r: PacketRow): PacketRecord {
  return {
    packetId: r.packet_id,
    idempotencyKey: r.idempotency_key,
    route: r.route,
    subjectKind: r.subject_kind ?? 'report',
    subjectId: r.subject_id ?? r.submission_id ?? r.packet_id,
    subjectVersion: r.subject_version ?? r.submission_version,
    submissionId: r.submission_id,
    submissionVersion: r.submission_version,
    packetType: r.packet_type,
    orgUnitId: r.org_unit_id,
    periodKey: r.period_key,
    formCode: r.form_code,
    title: r.title,
    body: r.body,
    signature: r.signature,
    deadline: r.deadline,
    state: r.state,
    channel: r.channel,
    attempts: r.attempts,
    retryBase: r.retry_base,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    remoteId: r.remote_id,
    fallbackRemoteId: r.fallback_remote_id,
    correlationId: r.correlation_id ?? null,
    receipt: r.receipt ?? null,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/**
 * Inserts packets in state queued and their outbox rows, in the caller's transaction.
 * `ifAbsent`: a packet whose idempotency key is already known is skipped (status and catalog
 * packets are deterministic: asking twice sends once); returns the ids inserted.
 */
export async function insertQueuedPackets(tx: SqlExecutor, packets: NewPacket[], now: Date, ifAbsent = false): Promise<string[]> {
  if (packets.length === 0) return [];
  const rows = packets.map((p) => ({
    packet_id: p.packetId,
    idempotency_key: p.idempotencyKey,
    route: p.route,
    subject_kind: p.subjectKind,
    subject_id: p.subjectId,
    subject_version: p.subjectVersion,
    submission_id: p.submissionId,
    submission_version: p.submissionVersion,
    packet_type: p.packetType,
    org_unit_id: p.orgUnitId,
    period_key: p.periodKey,
    form_code: p.formCode,
    title: p.title,
    body: p.body,
    signature: p.signature,
    deadline: p.deadline,
    channel: p.channel,
    correlation_id: currentCorrelationId() ?? null,
  }));
  // One statement: the packets, then their outbox rows (the CTE makes the foreign key hold).
  // Prepared (parsed and planned once per connection): it runs once per dispatch. `json`, not
  // `jsonb`: the rows are read once, so PostgreSQL need not build the binary form first.
  const res = await tx.query<{ packet_id: string }>(
    `WITH packets AS (INSERT INTO delivery_packets (packet_id, idempotency_key, route, subject_kind, subject_id, subject_version, submission_id,
       submission_version, packet_type, org_unit_id, period_key, form_code, title, body, signature, deadline, state, channel, correlation_id,
       next_attempt_at, created_at, updated_at)
     SELECT v.packet_id, v.idempotency_key, v.route, v.subject_kind, v.subject_id, v.subject_version, v.submission_id, v.submission_version,
       v.packet_type, v.org_unit_id, v.period_key, v.form_code, v.title, v.body, v.signature, v.deadline, 'queued', v.channel, v.correlation_id,
       $2::timestamptz, $2::timestamptz, $2::timestamptz
     FROM json_to_recordset($1::json) AS v(packet_id text, idempotency_key text, route text, subject_kind text, subject_id text,
       subject_version int, submission_id text, submission_version int, packet_type text, org_unit_id text, period_key text, form_code text,
       title text, body text, signature text, deadline text, channel text, correlation_id text)
     ${ifAbsent ? 'ON CONFLICT DO NOTHING' : ''}
     RETURNING packet_id)
     INSERT INTO delivery_outbox (packet_id, created_at) SELECT packet_id, $2::timestamptz FROM packets RETURNING packet_id`,
    [JSON.stringify(rows), now.toISOString()],
    { prepare: ifAbsent ? 'delivery_insert_packets_if_absent' : 'delivery_insert_packets' },
  );
  return res.rows.map((r) => r.packet_id);
}

/**
 * Loads packets for their jobs and marks the sendable ones `sending`, in one statement.
 * Packets in other states come back unchanged (the worker decides: skip, reconcile).
 */
export async function beginPackets(db: SqlExecutor, ids: string[], now: Date): Promise<Map<string, PacketRecord>> {
  const res = await db.query<PacketRow>(
    `UPDATE delivery_packets SET state = CASE WHEN state = 'queued' THEN 'sending' ELSE state END,
       updated_at = CASE WHEN state = 'queued' THEN $2::timestamptz ELSE updated_at END
     WHERE packet_id IN (SELECT json_array_elements_text($1::json)) RETURNING *`,
    [JSON.stringify(ids), now.toISOString()],
    { prepare: 'delivery_begin_packets' },
  );
  return new Map(res.rows.map((r) => [r.packet_id, toPacketRecord(r)]));
}

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

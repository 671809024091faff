import type { SqlExecutor } from '../store/database.js';
import { currentCorrelationId } from '../shared/logger.js';
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

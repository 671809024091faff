import type { Database } from '../store/database.js';
import { ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { DeliveryReceipt } from './channel.js';
import { payloadHash } from './message-log.js';
import { toPacketRecord, type PacketRecord } from './packet-store.js';

/** The national system's answer about one packet (status poll or signed callback). */
export interface NationalAnswer {
  receiptId: string;
  packetId?: string;
  status: 'received' | 'accepted' | 'rejected' | 'returned';
  reason?: string;
  /** The answer as received (exact bytes + signature): appended to the message log. */
  raw: string;
}

/** What a report's submission is told (submissions.recordNationalOutcome, from "workflow"). */
export type OutcomeRecorder = (
  submissionId: string,
  outcome: {
    outcome: 'accepted' | 'refused' | 'returned';
    version: number;
    reason?: string;
    code?: string;
    receiptId: string;
    system: string;
    packetId: string;
  },
) => Promise<unknown>;

export interface AnswerDeps {
  db: Database;
  now: () => Date;
  onAcknowledged: (p: PacketRecord, receipt: DeliveryReceipt) => Promise<void>;
  recordOutcome?: OutcomeRecorder;
}

export interface AnswerResult {
  packetId: string;
  state: string;
  /** False when the packet already had this answer (callbacks and polls may both bring it). */
  changed: boolean;
}

const CODES = { rejected: 'NATIONAL_REJECTED', returned: 'NATIONAL_RETURNED' } as const;

/**
 * Applies an answer to the packet it names: accepted → acknowledged (the report is accepted
 * once all its packets are); refused or returned → the packet stops (rejected, with the reason)
 * and the report's submission records the outcome. Idempotent; unknown receipts are refused.
 */
export async function applyNationalAnswer(deps: AnswerDeps, answer: NationalAnswer): Promise<AnswerResult> {
  const res = await deps.db.query<Parameters<typeof toPacketRecord>[0]>(
    `SELECT * FROM delivery_packets WHERE remote_id = $1 AND route = 'national' LIMIT 1`,
    [answer.receiptId],
  );
  const row = res.rows[0];
  if (!row)
    throw new ValidationError('ANSWER_RECEIPT_UNKNOWN', `No packet was delivered under receipt ${answer.receiptId}`, {
      receiptId: answer.receiptId,
    });
  const p = toPacketRecord(row);
  if (answer.packetId && answer.packetId !== p.packetId) {
    throw new ValidationError('ANSWER_MISMATCH', `Receipt ${answer.receiptId} belongs to ${p.packetId}, not ${answer.packetId}`, {
      receiptId: answer.receiptId,
      packetId: answer.packetId,
    });
  }
  const at = deps.now().toISOString();
  await deps.db.query(
    `INSERT INTO delivery_message_inbox (at, direction, packet_id, channel, payload, payload_hash) VALUES ($1::timestamptz, 'in', $2, 'national', $3, $4)`,
    [at, p.packetId, answer.raw, payloadHash(answer.raw)],
  );
  if (answer.status === 'received') return { packetId: p.packetId, state: p.state, changed: false };
  if (answer.status === 'accepted') {
    const upd = await deps.db.query(
      `UPDATE delivery_packets SET state = CASE WHEN state = 'delivered' THEN 'acknowledged' ELSE state END, acknowledged_at = $2::timestamptz, updated_at = $2::timestamptz
       WHERE packet_id = $1 AND state IN ('delivered', 'reconciled') AND acknowledged_at IS NULL`,
      [p.packetId, at],
    );
    if (upd.rowCount > 0)
      await deps.onAcknowledged(p, { channel: 'national', remoteId: answer.receiptId, status: 'accepted', acknowledged: true });
    return {
      packetId: p.packetId,
      state: upd.rowCount > 0 && p.state === 'delivered' ? 'acknowledged' : p.state,
      changed: upd.rowCount > 0,
    };
  }
  const code = CODES[answer.status];
  const message = `${answer.status === 'returned' ? 'Hệ thống báo cáo Chính phủ trả lại báo cáo' : 'Hệ thống báo cáo Chính phủ từ chối báo cáo'}${answer.reason ? `: ${answer.reason}` : ''}`;
  const upd = await deps.db.query(
    `UPDATE delivery_packets SET state = 'rejected', last_error_code = $2, last_error_message = $3, updated_at = $4::timestamptz
     WHERE packet_id = $1 AND state IN ('delivered', 'reconciled', 'acknowledged', 'sent_via_fallback') AND COALESCE(last_error_code, '') <> $2`,
    [p.packetId, code, message, at],
  );
  if (upd.rowCount > 0 && p.subjectKind === 'report' && p.submissionId) {
    if (deps.recordOutcome) {
      await deps.recordOutcome(p.submissionId, {
        outcome: answer.status === 'returned' ? 'returned' : 'refused',
        version: p.submissionVersion,
        reason: message,
        code,
        receiptId: answer.receiptId,
        system: 'national',
        packetId: p.packetId,
      });
    } else {
      logger.warn('national answer not recorded on the submission (no recordNationalOutcome)', {
        submissionId: p.submissionId,
        status: answer.status,
      });
    }
  }
  return { packetId: p.packetId, state: upd.rowCount > 0 ? 'rejected' : p.state, changed: upd.rowCount > 0 };
}

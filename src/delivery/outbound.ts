import type { SqlExecutor } from '../store/database.js';
import type { ReportStatusCode } from '../exchange/packets/status-packet.js';
import type { ExchangeServices } from '../exchange/services.js';
import { UnavailableError } from '../shared/errors.js';
import { applyNationalAnswer, type AnswerDeps, type AnswerResult, type NationalAnswer } from './national-answers.js';
import type { OutboundSender } from './outbound-sender.js';
import { writeSubjectPackets } from './outbox.js';

/** Asking for a report-status packet (recall THU_HOI, correction DINH_CHINH, acknowledgement DA_TIEP_NHAN). */
export interface ReportStatusRequest {
  submissionId: string;
  /** The version the status is about: the recalled version, the corrected (superseded) version. */
  version: number;
  status: ReportStatusCode;
  reason?: string;
  /** ISO time of the event; default now. */
  at?: string;
}

export interface ReportStatusResult {
  /** Packet ids queued now ([] when already queued before: same status, same version, sent once). */
  queued: string[];
  /** Why nothing was queued: the report never left the province (nothing to tell the national system). */
  skipped?: 'REPORT_NOT_SENT';
}

/**
 * `ctx.services.outbound`: every packet that is not the body of an approved report goes through
 * here into the same outbox (idempotency, retry, breaker, fallback, message log).
 * Both methods run in the caller's transaction: the status is queued with the transition or not at all.
 */
export interface OutboundServices extends OutboundSender {
  sendReportStatus(tx: SqlExecutor, request: ReportStatusRequest): Promise<ReportStatusResult>;
  /** The national system's answer about a delivered packet (signed callback, poll): see national-answers.ts. */
  applyAnswer(answer: NationalAnswer): Promise<AnswerResult>;
}

interface SentReportRow {
  body: string;
  title: string;
  remote_id: string | null;
  fallback_remote_id: string | null;
  org_unit_id: string | null;
  period_key: string | null;
  form_code: string | null;
}

/** States of a report packet that has not left the province (a status about it would tell nothing). */
const NOT_LEFT = ['queued', 'sending', 'dead', 'rejected'];

export function createOutboundServices(
  buildReportStatus: ExchangeServices['buildReportStatus'],
  now: () => Date,
  answers?: AnswerDeps,
): OutboundServices {
  return {
    applyAnswer: (answer) => {
      // Only a test's outbound without the engine lacks them; the delivery module always passes them.
      if (!answers) throw new UnavailableError('DELIVERY_UNAVAILABLE', 'Answers need the delivery engine');
      return applyNationalAnswer(answers, answer);
    },
    send: (tx, packets) => writeSubjectPackets(tx, packets, now()),
    async sendReportStatus(tx, request) {
      const res = await tx.query<SentReportRow>(
        `SELECT body, title, remote_id, fallback_remote_id, org_unit_id, period_key, form_code FROM delivery_packets
          WHERE submission_id = $1 AND submission_version = $2 AND subject_kind = 'report' AND route = 'national'
            AND NOT (state = ANY($3::text[])) ORDER BY created_at LIMIT 1`,
        [request.submissionId, request.version, NOT_LEFT],
      );
      const sent = res.rows[0];
      if (!sent) return { queued: [], skipped: 'REPORT_NOT_SENT' };
      const body = JSON.parse(sent.body) as { sender: { orgCode: string; name: string } };
      const packet = await buildReportStatus({
        submissionId: request.submissionId,
        version: request.version,
        status: request.status,
        at: request.at ?? now().toISOString(),
        ...(request.reason ? { reason: request.reason } : {}),
        ...(sent.remote_id ? { receiptId: sent.remote_id } : {}),
        reportingOrg: { ...body.sender, ...(sent.org_unit_id ? { id: sent.org_unit_id } : {}) },
        ...(sent.period_key ? { periodKey: sent.period_key } : {}),
        ...(sent.form_code ? { formCode: sent.form_code } : {}),
        reportTitle: sent.title,
      });
      return { queued: await writeSubjectPackets(tx, [packet], now()) };
    },
  };
}

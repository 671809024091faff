import type { ApprovedReport } from '../core/approved-report.js';
import type { RecallNotice } from '../core/submissions/dispatch-listeners.js';
import type { SqlExecutor } from '../store/database.js';
import { ValidationError } from '../shared/errors.js';
import type { OutboundPacket } from './channel.js';
import { insertQueuedPackets, type NewPacket } from './packet-store.js';

/** Error code stored on packets cancelled because their report was recalled (never replayed). */
export const RECALLED_CODE = 'REPORT_RECALLED';

/**
 * The transactional outbox: the dispatch transaction writes the report's packets and their
 * outbox rows; nothing is enqueued here (the relay does it after commit), so a rolled-back
 * dispatch leaves no packet and a committed one always gets delivered.
 */
export function packetRows(report: ApprovedReport, packets: OutboundPacket[], archiveToEdoc: boolean): NewPacket[] {
  const rows: NewPacket[] = [];
  for (const p of packets) {
    if (p.submissionId !== report.submissionId) {
      throw new ValidationError(
        'DELIVERY_PACKET_MISMATCH',
        `Packet ${p.packetId} belongs to ${p.submissionId}, not ${report.submissionId}`,
      );
    }
    const base = {
      subjectKind: p.subject?.kind ?? 'report',
      subjectId: p.subject?.id ?? report.submissionId,
      subjectVersion: p.subject?.version ?? report.version,
      submissionId: report.submissionId,
      submissionVersion: report.version,
      packetType: p.packetType,
      orgUnitId: report.orgUnit.id,
      periodKey: report.period.key,
      formCode: report.form.code,
      title: p.title,
      body: p.body,
      signature: p.signature,
      deadline: p.deadline ?? report.deadline ?? null,
    };
    rows.push({ ...base, packetId: p.packetId, idempotencyKey: p.idempotencyKey, route: 'national', channel: 'national' });
    if (archiveToEdoc) {
      // Hải Phòng 8.3.c: a records copy to the e-document system, with its own key.
      rows.push({
        ...base,
        packetId: `${p.packetId}.archive`,
        idempotencyKey: `${p.idempotencyKey}.archive`,
        route: 'archive',
        channel: 'edoc',
      });
    }
  }
  return rows;
}

export async function writeOutbox(
  tx: SqlExecutor,
  report: ApprovedReport,
  packets: OutboundPacket[],
  archiveToEdoc: boolean,
  now: Date,
): Promise<number> {
  const rows = packetRows(report, packets, archiveToEdoc);
  await insertQueuedPackets(tx, rows, now);
  return rows.length;
}

/**
 * Packets that are not the body of an approved report (status, catalog, KPI data): their row
 * comes from the packet's own subject. Deterministic ids make this idempotent: a packet already
 * in the outbox is skipped. Returns the ids queued now.
 */
export async function writeSubjectPackets(tx: SqlExecutor, packets: OutboundPacket[], now: Date): Promise<string[]> {
  const rows: NewPacket[] = packets.map((p) => {
    if (!p.subject) throw new ValidationError('DELIVERY_SUBJECT_MISSING', `Packet ${p.packetId} names no subject`);
    const s = p.subject;
    // A ministry connector's push has its own route; every other subject goes to the national system.
    const route = s.kind === 'ministry' ? 'ministry' : 'national';
    return {
      packetId: p.packetId,
      idempotencyKey: p.idempotencyKey,
      route,
      channel: route,
      subjectKind: s.kind,
      subjectId: s.id,
      subjectVersion: s.version,
      submissionId: p.submissionId ?? null,
      submissionVersion: s.kind === 'report' || s.kind === 'status' ? s.version : 1,
      packetType: p.packetType,
      orgUnitId: s.orgUnitId ?? null,
      periodKey: s.periodKey ?? null,
      formCode: s.formCode ?? null,
      title: p.title,
      body: p.body,
      signature: p.signature,
      deadline: p.deadline ?? null,
    };
  });
  return insertQueuedPackets(tx, rows, now, true);
}

/** A recalled report's packets that have not left yet are cancelled (dead, code REPORT_RECALLED). */
export async function cancelRecalled(tx: SqlExecutor, notice: RecallNotice, now: Date): Promise<string[]> {
  const res = await tx.query<{ packet_id: string }>(
    `UPDATE delivery_packets SET state = 'dead', last_error_code = $3, last_error_message = $4, updated_at = $5::timestamptz
     WHERE submission_id = $1 AND submission_version = $2 AND subject_kind = 'report' AND state IN ('queued', 'sending') RETURNING packet_id`,
    [
      notice.submissionId,
      notice.version,
      RECALLED_CODE,
      `Báo cáo đã bị thu hồi${notice.reason ? `: ${notice.reason}` : ''}`,
      now.toISOString(),
    ],
  );
  const ids = res.rows.map((r) => r.packet_id);
  if (ids.length > 0) {
    await tx.query('DELETE FROM delivery_outbox WHERE packet_id IN (SELECT jsonb_array_elements_text($1::jsonb))', [JSON.stringify(ids)]);
  }
  return ids;
}

import type { OutboundPacket } from '../../delivery/channel.js';
import type { SigningCredentials } from '../pki/credentials.js';
import { sealSubjectPacket } from './subject-packet.js';
import type { OrgRef } from './types.js';

/** Report status codes of our profile (report-status.schema.json). */
export const REPORT_STATUSES = ['DA_GUI', 'DA_TIEP_NHAN', 'TU_CHOI', 'THU_HOI', 'DINH_CHINH'] as const;
export type ReportStatusCode = (typeof REPORT_STATUSES)[number];

const LABEL: Record<ReportStatusCode, string> = {
  DA_GUI: 'Đã gửi',
  DA_TIEP_NHAN: 'Xác nhận đã tiếp nhận kết quả',
  TU_CHOI: 'Từ chối',
  THU_HOI: 'Thu hồi',
  DINH_CHINH: 'Đính chính',
};

/** A report's status as the province tells the national system (recall, correction, acknowledgement). */
export interface ReportStatusInput {
  submissionId: string;
  /** The report version the status is about (a recall names the recalled version). */
  version: number;
  status: ReportStatusCode;
  /** ISO timestamp of the event (the recall, the correction's approval, the answer received). */
  at: string;
  reason?: string;
  /** The national receipt of the report, when it had arrived. */
  receiptId?: string;
  /** Sender: the reporting org unit as in the report packet. */
  reportingOrg: OrgRef & { id?: string };
  periodKey?: string;
  formCode?: string;
  /** Title of the report, for the e-document fallback. */
  reportTitle: string;
  mappingVersion: string;
}

/** One report-status packet, deterministic per submission + version + status: asked twice, sent once. */
export function buildReportStatusPacket(input: ReportStatusInput, credentials: SigningCredentials): Promise<OutboundPacket> {
  return sealSubjectPacket(
    {
      packetType: 'report-status',
      discriminator: input.status,
      subject: {
        kind: 'status',
        id: input.submissionId,
        version: input.version,
        ...(input.reportingOrg.id ? { orgUnitId: input.reportingOrg.id } : {}),
        ...(input.periodKey ? { periodKey: input.periodKey } : {}),
        ...(input.formCode ? { formCode: input.formCode } : {}),
      },
      sender: { orgCode: input.reportingOrg.orgCode, name: input.reportingOrg.name },
      mappingVersion: input.mappingVersion,
      payload: {
        submissionId: input.submissionId,
        version: input.version,
        status: input.status,
        at: input.at,
        ...(input.receiptId ? { receiptId: input.receiptId } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      title: `${LABEL[input.status]}: ${input.reportTitle}`,
      submissionId: input.submissionId,
    },
    credentials,
  );
}

import type { ApprovedReport } from '../../core/approved-report.js';
import type { OutboundPacket } from '../../delivery/channel.js';
import { assertContract } from '../../shared/contracts.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import type { SigningCredentials } from '../pki/credentials.js';
import { signDetached } from '../signing/jws.js';
import { canonicalJson } from './canonical.js';
import { idempotencyKeyFor, packetIdFor } from './ids.js';
import { listPayload, reportDataRows, reportHeader } from './report-payload.js';
import {
  PROFILE,
  PROFILE_VERSION,
  PROFILE_VERSION_2,
  packetSchemaId,
  V2_TYPES,
  type NationalPacket,
  type OrgRef,
  type PacketApproval,
  type PacketType,
} from './types.js';

import { NATIONAL_RECEIVER } from './subject-packet.js';

export { NATIONAL_RECEIVER };

export interface PacketBuilderOptions {
  mappings: MappingSet;
  credentials: SigningCredentials;
  /** The province as sender (default: the reporting org unit of each report). */
  sender?: OrgRef;
  receiver?: OrgRef;
  /**
   * Detached CMS (base64 DER) over an attachment's bytes, signed "at" the approval time so a
   * rebuilt packet is byte-identical; absent = attachments are covered by the packet JWS only.
   */
  signAttachment?: (content: Buffer, at: Date) => string;
}

function periodLabel(report: ApprovedReport): string {
  const p = report.period;
  switch (p.kind) {
    case 'month':
      return `tháng ${String(p.index).padStart(2, '0')}/${p.year}`;
    case 'quarter':
      return `quý ${p.index}/${p.year}`;
    case 'half_year':
      return `6 tháng năm ${p.year}`;
    case 'nine_months':
      return `9 tháng năm ${p.year}`;
    case 'year':
      return `năm ${p.year}`;
    default:
      return p.key;
  }
}

export function packetTitle(report: ApprovedReport): string {
  const correction = report.kind === 'correction' ? ` (đính chính lần ${report.version - 1})` : '';
  return `${report.form.name} - ${periodLabel(report)} - ${report.orgUnit.name}${correction}`;
}

/**
 * Approved report → mapped, contract-validated, signed national packets. Pure CPU (mapping,
 * ajv, JCS, one RSA signature each), so delivery can call it inside the dispatch transaction.
 * A packet that fails its contract throws PACKET_SCHEMA_INVALID naming the field and is never signed.
 */
export class PacketBuilder {
  constructor(private readonly options: PacketBuilderOptions) {}

  get mappingVersion(): string {
    return this.options.mappings.version;
  }

  /** The unsigned packet objects (exposed for `packet build --unsigned` and tests). */
  packetsFor(report: ApprovedReport): NationalPacket[] {
    if (report.classification === 'secret') {
      throw new ForbiddenError('REPORT_STATE_SECRET', 'Báo cáo mật nhà nước không được gửi qua hệ thống liên thông (Hải Phòng 5.2)', {
        submissionId: report.submissionId,
      });
    }
    const { mappings } = this.options;
    if (report.form.type === 'narrative') {
      const n = report.narrative ?? { title: '', text: '', attachments: [] };
      const attachments = n.attachments.map((a) => {
        const signed =
          a.contentBase64 && this.options.signAttachment
            ? { cms: this.options.signAttachment(Buffer.from(a.contentBase64, 'base64'), new Date(report.approvedAt)) }
            : {};
        return {
          name: a.name,
          mediaType: a.mediaType,
          sha256: a.sha256,
          ...(a.contentBase64 ? { contentBase64: a.contentBase64 } : {}),
          ...signed,
        };
      });
      return [
        this.envelope(report, 'outline-submission', { ...reportHeader(report, mappings), title: n.title, text: n.text, attachments }),
      ];
    }
    if (report.form.type === 'list') {
      // Columns and records as the (national) list form defines them: its own column codes, no indicator mapping.
      const list = report.list ?? { columns: [], records: [] };
      return [this.envelope(report, 'list-report-data', { ...reportHeader(report, mappings), ...listPayload(list) })];
    }
    const rows = reportDataRows(report, mappings);
    // Only province-only indicators (excluded on purpose): nothing goes to the national system.
    if (rows.length === 0 && report.values.length > 0) return [];
    return [this.envelope(report, 'report-data', { ...reportHeader(report, mappings), rows })];
  }

  async build(report: ApprovedReport): Promise<OutboundPacket[]> {
    return Promise.all(this.packetsFor(report).map((p) => this.seal(report, p)));
  }

  /** Validate, canonicalise, sign. */
  private async seal(report: ApprovedReport, packet: NationalPacket): Promise<OutboundPacket> {
    assertContract(packetSchemaId(packet.packetType, packet.profileVersion), packet, 'PACKET_SCHEMA_INVALID');
    const body = canonicalJson(packet);
    const signature = await signDetached(body, this.options.credentials);
    return {
      packetId: packet.packetId,
      idempotencyKey: idempotencyKeyFor(report.submissionId, report.version, packet.packetType),
      packetType: packet.packetType,
      submissionId: report.submissionId,
      subject: {
        kind: 'report',
        id: report.submissionId,
        version: report.version,
        orgUnitId: report.orgUnit.id,
        periodKey: report.period.key,
        formCode: report.form.code,
      },
      body,
      signature,
      title: packetTitle(report),
      ...(report.deadline ? { deadline: report.deadline } : {}),
    };
  }

  private envelope(report: ApprovedReport, packetType: PacketType, payload: Record<string, unknown>): NationalPacket {
    // Profile v2 when the leaders' JAdES approvals travel with the report; v1 otherwise (still accepted).
    // Only B-T approvals (with their time stamp) travel: the receiver requires B-T; a B-B one
    // (no TSA configured) stays in the province and the packet stays v1.
    const approvals: PacketApproval[] = (report.approvals ?? [])
      .map((a) => ({
        role: a.role,
        submissionId: a.submissionId,
        version: a.version,
        orgCode: a.orgCode,
        jades: JSON.parse(a.signature) as PacketApproval['jades'],
      }))
      .filter((a) => (a.jades.header?.etsiU?.length ?? 0) > 0)
      // Only the types profile v2 defines carry approvals (a list report stays v1).
      .filter(() => V2_TYPES.includes(packetType));
    return {
      ...(approvals.length > 0 ? { approvals } : {}),
      profile: PROFILE,
      profileVersion: approvals.length > 0 ? PROFILE_VERSION_2 : PROFILE_VERSION,
      packetType,
      packetId: packetIdFor(report.submissionId, report.version, packetType),
      sender: this.options.sender ?? { orgCode: report.orgUnit.orgCode, name: report.orgUnit.name },
      receiver: this.options.receiver ?? NATIONAL_RECEIVER,
      mappingVersion: this.options.mappings.version,
      payload,
    };
  }
}

import { Builder } from 'xml2js';
import type { OutboundPacket } from '../../delivery/channel.js';
import { documentIdOf, documentNumberFor, edxmlDate, edxmlDateFromIso, edxmlTimestamp } from './edxml-format.js';
import { EDXML_NAMESPACE, type EdxmlDocument, type EdxmlOrgan, type EdxmlStatusMessage } from './edxml-types.js';

const builder = new Builder({ xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: false } });

const organ = (o: EdxmlOrgan) => ({ OrganId: o.organId, ...(o.organName ? { OrganName: o.organName } : {}) });

/** Renders a document in our edXML profile (unsigned; `EdxmlSigner` adds the Signature to edXMLHeader). */
export function buildEdxml(doc: EdxmlDocument): string {
  const header = {
    MessageHeader: {
      From: organ(doc.from),
      To: doc.to.map(organ),
      DocumentId: doc.documentId,
      Code: { CodeNumber: doc.code.number, CodeNotation: doc.code.notation },
      PromulgationInfo: { Place: doc.promulgation.place, PromulgationDate: doc.promulgation.date },
      DocumentType: { Type: doc.documentType.type, TypeName: doc.documentType.name },
      Subject: doc.subject,
      SteeringType: String(doc.steeringType),
      Priority: String(doc.priority),
      ...(doc.dueDate ? { DueDate: doc.dueDate } : {}),
      Business: { BusinessDocType: String(doc.businessDocType) },
    },
    TraceHeaderList: { TraceHeader: doc.traces.map((t) => ({ OrganId: t.organId, Timestamp: t.timestamp })) },
  };
  const manifest = {
    Reference: doc.attachments.map((a) => ({
      ContentId: `cid:${a.contentId}`,
      ContentType: a.contentType,
      AttachmentName: a.name,
      ...(a.description ? { Description: a.description } : {}),
    })),
  };
  const attachments = {
    Attachment: doc.attachments.map((a) => ({
      $: { ContentId: a.contentId, ContentType: a.contentType },
      _: a.content.toString('base64'),
    })),
  };
  return builder.buildObject({
    edXML: {
      $: { xmlns: EDXML_NAMESPACE },
      edXMLEnvelope: { edXMLHeader: header, edXMLBody: { edXMLManifest: manifest } },
      AttachmentEncoded: attachments,
    },
  });
}

/** Renders a status message (QCVN 102 Status) answering a document. */
export function buildEdxmlStatus(status: EdxmlStatusMessage): string {
  return builder.buildObject({
    edXML: {
      $: { xmlns: EDXML_NAMESPACE },
      edXMLEnvelope: {
        edXMLHeader: {
          Status: {
            ResponseFor: { OrganId: status.responseFor.organId, DocumentId: status.responseFor.documentId },
            From: organ(status.from),
            StatusCode: status.statusCode,
            Description: status.description,
            Timestamp: status.timestamp,
          },
        },
      },
    },
  });
}

export interface PacketDocumentOptions {
  from: EdxmlOrgan;
  to: EdxmlOrgan;
  /** Place of promulgation, e.g. "Quảng Ninh". */
  place: string;
  /** Notation of the document code, e.g. "BC-LTBC". */
  notation: string;
  now: Date;
  /** `fallback` when the national system is down, `archive` for the records copy of every approved report. */
  purpose?: 'fallback' | 'archive';
}

const SUBJECT_SUFFIX = {
  fallback: '(gửi thay thế do sự cố hệ thống báo cáo quốc gia)',
  archive: '(bản lưu hồ sơ báo cáo đã phê duyệt)',
} as const;

/**
 * The edXML document carrying a national packet to the e-document system: the canonical JSON body
 * and its JWS travel unchanged as attachments, so the receiver can verify them as the national
 * system would.
 */
export function documentForPacket(packet: OutboundPacket, options: PacketDocumentOptions): EdxmlDocument {
  const date = edxmlDate(options.now);
  const number = documentNumberFor(packet.idempotencyKey);
  const safeId = packet.packetId.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    from: options.from,
    to: [options.to],
    documentId: documentIdOf(options.from.organId, date, number, options.notation),
    code: { number, notation: options.notation },
    promulgation: { place: options.place, date },
    documentType: { type: '1', name: 'Báo cáo' },
    subject: `${packet.title} ${SUBJECT_SUFFIX[options.purpose ?? 'fallback']}`,
    steeringType: 1,
    priority: 0,
    businessDocType: 0,
    ...(packet.deadline ? { dueDate: edxmlDateFromIso(packet.deadline) } : {}),
    traces: [{ organId: options.from.organId, timestamp: edxmlTimestamp(options.now) }],
    attachments: [
      {
        contentId: `${safeId}.json`,
        contentType: 'application/json',
        name: `${safeId}.json`,
        description: `Gói tin ${packet.packetType} (JSON chuẩn hóa)`,
        content: Buffer.from(packet.body, 'utf8'),
      },
      {
        contentId: `${safeId}.jws`,
        contentType: 'application/jose',
        name: `${safeId}.jws`,
        description: 'Chữ ký số JWS của gói tin',
        content: Buffer.from(packet.signature, 'utf8'),
      },
    ],
  };
}

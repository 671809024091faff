import { DOMParser, type Element } from '@xmldom/xmldom';
import { ValidationError } from '../../shared/errors.js';

/**
 * The simulated e-document system reads edXML (QCVN 102:2016) with its own DOM parser
 * (@xmldom/xmldom), not with the gateway's: what the gateway writes is checked by a second,
 * independent reading. Only the parts a receiving office acts on are read.
 */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export interface Organ {
  organId: string;
  organName?: string;
}

export interface ReceivedAttachment {
  contentId: string;
  contentType: string;
  name: string;
  content: Buffer;
}

export interface ReceivedEdoc {
  from: Organ;
  to: Organ[];
  documentId: string;
  subject: string;
  attachments: ReceivedAttachment[];
}

export interface ReceivedStatus {
  documentId: string;
  statusCode: string;
  description: string;
  timestamp: string;
}

const refuse = (code: string, message: string, details?: Record<string, unknown>) => new ValidationError(code, message, details);

/** The document element, after refusing DOCTYPE and entity declarations (XXE, entity expansion). */
export function edxmlRoot(xml: string): Element {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw refuse('EDXML_UNSAFE', 'edXML must not contain a DOCTYPE or entity declarations');
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
    xml,
    'text/xml',
  );
  const root = doc.documentElement;
  if (errors.length > 0 || !root) throw refuse('EDXML_MALFORMED', `edXML is not well-formed: ${errors[0] ?? 'no root element'}`);
  if (root.localName !== 'edXML' || root.namespaceURI !== EDXML_NS)
    throw refuse('EDXML_NOT_EDXML', `Root must be <edXML> in namespace ${EDXML_NS}`, { root: root.localName });
  return root;
}

/** Child elements of the edXML namespace named `name`. */
export function kids(el: Element | undefined, name: string): Element[] {
  if (!el) return [];
  return Array.from(el.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === EDXML_NS,
  );
}

function at(el: Element | undefined, ...path: string[]): Element | undefined {
  let current = el;
  for (const name of path) current = kids(current, name)[0];
  return current;
}

function text(el: Element | undefined, ...path: string[]): string | undefined {
  return at(el, ...path)?.textContent?.trim();
}

function required(el: Element | undefined, ...path: string[]): string {
  const value = text(el, ...path);
  if (!value) throw refuse('EDXML_FIELD_MISSING', `edXML lacks ${path.join('/')}`, { field: path.join('/') });
  return value;
}

function organ(el: Element | undefined, where: string): Organ {
  if (!el) throw refuse('EDXML_FIELD_MISSING', `edXML lacks ${where}`, { field: where });
  const organName = text(el, 'OrganName');
  return { organId: required(el, 'OrganId'), ...(organName ? { organName } : {}) };
}

/** Manifest references matched to the encoded attachments by ContentId. */
function attachments(root: Element): ReceivedAttachment[] {
  const encoded = new Map(kids(at(root, 'AttachmentEncoded'), 'Attachment').map((a) => [a.getAttribute('ContentId') ?? '', a]));
  const refs = kids(at(root, 'edXMLEnvelope', 'edXMLBody', 'edXMLManifest'), 'Reference');
  if (refs.length !== encoded.size)
    throw refuse('EDXML_ATTACHMENT_MISMATCH', `Manifest lists ${refs.length} references but ${encoded.size} attachments are encoded`);
  return refs.map((ref) => {
    const contentId = required(ref, 'ContentId').replace(/^cid:/, '');
    const node = encoded.get(contentId);
    if (!node) throw refuse('EDXML_ATTACHMENT_MISSING', `Manifest references cid:${contentId} but no attachment carries it`, { contentId });
    return {
      contentId,
      contentType: required(ref, 'ContentType'),
      name: required(ref, 'AttachmentName'),
      content: Buffer.from((node.textContent ?? '').replace(/\s+/g, ''), 'base64'),
    };
  });
}

/** A document sent to the axis: sender, receivers, DocumentId (consistent with sender, date and code), subject, attachments. */
export function readEdoc(xml: string): ReceivedEdoc {
  const root = edxmlRoot(xml);
  const header = at(root, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader');
  if (!header) throw refuse('EDXML_FIELD_MISSING', 'edXML lacks edXMLEnvelope/edXMLHeader/MessageHeader', { field: 'MessageHeader' });
  const from = organ(at(header, 'From'), 'MessageHeader/From');
  const to = kids(header, 'To').map((t) => organ(t, 'MessageHeader/To'));
  if (to.length === 0) throw refuse('EDXML_FIELD_MISSING', 'edXML lacks MessageHeader/To', { field: 'MessageHeader/To' });
  const documentId = required(header, 'DocumentId');
  const expected = `${from.organId},${required(header, 'PromulgationInfo', 'PromulgationDate')},${required(header, 'Code', 'CodeNumber')}/${required(header, 'Code', 'CodeNotation')}`;
  if (documentId !== expected)
    throw refuse('EDXML_DOCUMENT_ID_MISMATCH', `DocumentId ${documentId} does not match From, PromulgationDate and Code`, { documentId });
  return { from, to, documentId, subject: required(header, 'Subject'), attachments: attachments(root) };
}

/** A status message another office sends back (/updateStatus). */
export function readStatus(xml: string): ReceivedStatus {
  const status = at(edxmlRoot(xml), 'edXMLEnvelope', 'edXMLHeader', 'Status');
  if (!status) throw refuse('EDXML_FIELD_MISSING', 'edXML lacks edXMLHeader/Status', { field: 'Status' });
  const statusCode = required(status, 'StatusCode');
  if (!/^(0[1-6]|1[356])$/.test(statusCode)) throw refuse('EDXML_STATUS_UNKNOWN', `Unknown status code "${statusCode}"`, { statusCode });
  return {
    documentId: required(status, 'ResponseFor', 'DocumentId'),
    statusCode,
    description: text(status, 'Description') ?? '',
    timestamp: required(status, 'Timestamp'),
  };
}

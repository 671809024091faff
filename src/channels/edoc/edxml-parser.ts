import { EdxmlError } from './edxml-errors.js';
import { documentIdOf, EDXML_DATE_PATTERN, EDXML_TIMESTAMP_PATTERN, parseDocumentId } from './edxml-format.js';
import {
  EDXML_NAMESPACE,
  EDXML_STATUS_CODES,
  type EdxmlAttachment,
  type EdxmlDocument,
  type EdxmlOrgan,
  type EdxmlStatusMessage,
} from './edxml-types.js';
import { child, children, declaresNamespace, parseXml, requiredText, textAt, type XmlNode } from './safe-xml.js';

async function parseRoot(xml: string): Promise<XmlNode> {
  const { rootName, root } = await parseXml(xml);
  if (rootName !== 'edXML' || !declaresNamespace(root, EDXML_NAMESPACE)) {
    throw new EdxmlError('EDXML_NOT_EDXML', `Root must be <edXML> in namespace ${EDXML_NAMESPACE}`, { root: rootName });
  }
  return root;
}

function organOf(node: XmlNode | undefined, where: string): EdxmlOrgan {
  if (!node) throw new EdxmlError('EDXML_FIELD_MISSING', `edXML lacks ${where}`, { field: where });
  const organName = textAt(node, 'OrganName');
  return { organId: requiredText(node, 'OrganId'), ...(organName ? { organName } : {}) };
}

function intIn(node: XmlNode, path: string[], min: number, max: number): number {
  const raw = requiredText(node, ...path);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new EdxmlError('EDXML_FIELD_INVALID', `${path.join('/')} must be an integer ${min}-${max}, got "${raw}"`, {
      field: path.join('/'),
      value: raw,
    });
  }
  return n;
}

function datePattern(value: string, pattern: RegExp, field: string): string {
  if (!pattern.test(value))
    throw new EdxmlError('EDXML_DATE_INVALID', `${field} "${value}" does not match ${pattern.source}`, { field, value });
  return value;
}

function attachmentsOf(root: XmlNode, body: XmlNode | undefined): EdxmlAttachment[] {
  const encoded = new Map<string, XmlNode>();
  for (const a of children(child(root, 'AttachmentEncoded'), 'Attachment')) {
    const id = a.$?.ContentId;
    if (!id) throw new EdxmlError('EDXML_FIELD_MISSING', 'Attachment lacks ContentId', { field: 'Attachment/@ContentId' });
    if (encoded.has(id)) throw new EdxmlError('EDXML_ATTACHMENT_DUPLICATE', `Two attachments carry ContentId ${id}`, { contentId: id });
    encoded.set(id, a);
  }
  const refs = children(child(body, 'edXMLManifest'), 'Reference');
  if (refs.length !== encoded.size) {
    throw new EdxmlError(
      'EDXML_ATTACHMENT_MISMATCH',
      `Manifest lists ${refs.length} references but ${encoded.size} attachments are encoded`,
    );
  }
  return refs.map((ref) => {
    const cid = requiredText(ref, 'ContentId');
    const contentId = cid.replace(/^cid:/, '');
    const encodedNode = encoded.get(contentId);
    if (!encodedNode)
      throw new EdxmlError('EDXML_ATTACHMENT_MISSING', `Manifest references ${cid} but no attachment carries it`, { contentId });
    const base64 = (encodedNode._ ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
      throw new EdxmlError('EDXML_ATTACHMENT_INVALID', `Attachment ${contentId} is not base64`, { contentId });
    const description = textAt(ref, 'Description');
    return {
      contentId,
      contentType: requiredText(ref, 'ContentType'),
      name: requiredText(ref, 'AttachmentName'),
      ...(description ? { description } : {}),
      content: Buffer.from(base64, 'base64'),
    };
  });
}

/** Parses a document in our edXML profile (refusing DOCTYPE/entities) and checks it is consistent. */
export async function parseEdxml(xml: string): Promise<EdxmlDocument> {
  const root = await parseRoot(xml);
  const envelope = child(root, 'edXMLEnvelope');
  const header = child(child(envelope, 'edXMLHeader'), 'MessageHeader');
  if (!header)
    throw new EdxmlError('EDXML_FIELD_MISSING', 'edXML lacks edXMLEnvelope/edXMLHeader/MessageHeader', { field: 'MessageHeader' });
  const from = organOf(child(header, 'From'), 'MessageHeader/From');
  const to = children(header, 'To').map((t) => organOf(t, 'MessageHeader/To'));
  if (to.length === 0) throw new EdxmlError('EDXML_FIELD_MISSING', 'edXML lacks MessageHeader/To', { field: 'MessageHeader/To' });
  const code = { number: requiredText(header, 'Code', 'CodeNumber'), notation: requiredText(header, 'Code', 'CodeNotation') };
  const date = datePattern(requiredText(header, 'PromulgationInfo', 'PromulgationDate'), EDXML_DATE_PATTERN, 'PromulgationDate');
  const documentId = requiredText(header, 'DocumentId');
  parseDocumentId(documentId);
  if (documentId !== documentIdOf(from.organId, date, code.number, code.notation)) {
    throw new EdxmlError('EDXML_DOCUMENT_ID_MISMATCH', `DocumentId ${documentId} does not match From, PromulgationDate and Code`, {
      documentId,
    });
  }
  const dueDate = textAt(header, 'DueDate');
  const traces = children(child(child(envelope, 'edXMLHeader'), 'TraceHeaderList'), 'TraceHeader').map((t) => ({
    organId: requiredText(t, 'OrganId'),
    timestamp: datePattern(requiredText(t, 'Timestamp'), EDXML_TIMESTAMP_PATTERN, 'TraceHeader/Timestamp'),
  }));
  return {
    from,
    to,
    documentId,
    code,
    promulgation: { place: requiredText(header, 'PromulgationInfo', 'Place'), date },
    documentType: { type: requiredText(header, 'DocumentType', 'Type'), name: requiredText(header, 'DocumentType', 'TypeName') },
    subject: requiredText(header, 'Subject'),
    steeringType: intIn(header, ['SteeringType'], 1, 3),
    priority: intIn(header, ['Priority'], 0, 4),
    businessDocType: intIn(header, ['Business', 'BusinessDocType'], 0, 3),
    ...(dueDate ? { dueDate: datePattern(dueDate, EDXML_DATE_PATTERN, 'DueDate') } : {}),
    traces,
    attachments: attachmentsOf(root, child(envelope, 'edXMLBody')),
  };
}

/** Parses a status message (QCVN 102 Status). */
export async function parseEdxmlStatus(xml: string): Promise<EdxmlStatusMessage> {
  const root = await parseRoot(xml);
  const status = child(child(child(root, 'edXMLEnvelope'), 'edXMLHeader'), 'Status');
  if (!status) throw new EdxmlError('EDXML_FIELD_MISSING', 'edXML lacks edXMLHeader/Status', { field: 'Status' });
  const statusCode = requiredText(status, 'StatusCode');
  if (!EDXML_STATUS_CODES.includes(statusCode)) {
    throw new EdxmlError('EDXML_STATUS_UNKNOWN', `Unknown status code "${statusCode}"`, { statusCode });
  }
  return {
    responseFor: { organId: requiredText(status, 'ResponseFor', 'OrganId'), documentId: requiredText(status, 'ResponseFor', 'DocumentId') },
    from: organOf(child(status, 'From'), 'Status/From'),
    statusCode,
    description: textAt(status, 'Description') ?? '',
    timestamp: datePattern(requiredText(status, 'Timestamp'), EDXML_TIMESTAMP_PATTERN, 'Status/Timestamp'),
  };
}

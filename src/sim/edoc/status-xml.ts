import { EDXML_NS, type Organ } from './edxml-reader.js';

/** A status answer (QCVN 102 Status): the document it answers, who answers, code, text, time. */
export interface StatusAnswer {
  responseFor: { organId: string; documentId: string };
  from: Organ;
  statusCode: string;
  description: string;
  timestamp: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, inner: string) => `<${name}>${inner}</${name}>`;

/** The status message as the axis sends it (written here, not by the gateway's builder). */
export function statusXml(s: StatusAnswer): string {
  const from = el('OrganId', escape(s.from.organId)) + (s.from.organName ? el('OrganName', escape(s.from.organName)) : '');
  const status = el(
    'Status',
    el('ResponseFor', el('OrganId', escape(s.responseFor.organId)) + el('DocumentId', escape(s.responseFor.documentId))) +
      el('From', from) +
      el('StatusCode', escape(s.statusCode)) +
      el('Description', escape(s.description)) +
      el('Timestamp', escape(s.timestamp)),
  );
  return `<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="${EDXML_NS}">${el('edXMLEnvelope', el('edXMLHeader', status))}</edXML>`;
}

/** `yyyy/MM/dd HH:mm:ss`, Vietnam time (UTC+7 all year), as edXML timestamps are written. */
export function edocTimestamp(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', '/')} ${local.slice(11, 19)}`;
}

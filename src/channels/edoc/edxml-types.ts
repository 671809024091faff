/**
 * Our edXML profile (QCVN 102:2016/BTTTT, see docs/edoc.md): the parts of the national envelope
 * lienthong fills and reads. Names follow the standard's element names.
 */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Status message codes of QCVN 102 (TrangThai). */
export const EDXML_STATUS = {
  arrived: '01',
  refused: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  done: '06',
  recalled: '13',
  recallAgreed: '15',
  recallRefused: '16',
} as const;
export type EdxmlStatusCode = (typeof EDXML_STATUS)[keyof typeof EDXML_STATUS];
export const EDXML_STATUS_CODES: readonly string[] = Object.values(EDXML_STATUS);

/** The receiving body has taken the report in (it can no longer be lost): the channel's acknowledged set. */
export const ACKNOWLEDGED_STATUSES: readonly string[] = [
  EDXML_STATUS.accepted,
  EDXML_STATUS.assigned,
  EDXML_STATUS.processing,
  EDXML_STATUS.done,
];

export interface EdxmlOrgan {
  /** Organisation code, QCVN 102 (000.00.00.H49) or QĐ 20/2020 format. */
  organId: string;
  organName?: string;
}

export interface EdxmlTrace {
  organId: string;
  /** yyyy/MM/dd HH:mm:ss, Vietnam time. */
  timestamp: string;
}

export interface EdxmlAttachment {
  /** Referenced from the manifest as `cid:<contentId>`. */
  contentId: string;
  contentType: string;
  name: string;
  description?: string;
  content: Buffer;
}

export interface EdxmlDocument {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  /** `{OrganId},{yyyy/MM/dd},{number}/{notation}`. */
  documentId: string;
  code: { number: string; notation: string };
  promulgation: { place: string; date: string };
  documentType: { type: string; name: string };
  subject: string;
  /** 1 = direct, 2 = for information, 3 = for reference (QCVN 102 SteeringType). */
  steeringType: number;
  /** 0 normal … 4 most urgent. */
  priority: number;
  /** 0 new, 1 recall, 2 update, 3 replace. */
  businessDocType: number;
  /** yyyy/MM/dd, when the report was due. */
  dueDate?: string;
  traces: EdxmlTrace[];
  attachments: EdxmlAttachment[];
}

/** A status message answering a document (QCVN 102 Status). */
export interface EdxmlStatusMessage {
  responseFor: { organId: string; documentId: string };
  from: EdxmlOrgan;
  statusCode: string;
  description: string;
  /** yyyy/MM/dd HH:mm:ss */
  timestamp: string;
}

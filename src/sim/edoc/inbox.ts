import type { ReceivedEdoc } from './edxml-reader.js';
import type { StatusAnswer } from './status-xml.js';

export const MAX_HELD = 10_000;

/** One status a document went through, as the simulated e-document system recorded it. */
export interface StatusEntry {
  statusCode: string;
  description: string;
  timestamp: string;
}

export interface HeldDocument {
  documentId: string;
  /** The document as signed (parsed from the signed content), or as received when refused. */
  document: ReceivedEdoc;
  /** The edXML exactly as received. */
  xml: string;
  /** Authenticated VXP system that sent it. */
  systemId: string;
  signer?: string;
  receivedAt: string;
  statuses: StatusEntry[];
}

export const STATUS_TEXT: Record<string, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công',
  '05': 'Đang xử lý',
  '06': 'Đã hoàn thành',
  '13': 'Đã thu hồi',
  '15': 'Đồng ý thu hồi/cập nhật',
  '16': 'Từ chối thu hồi/cập nhật',
};

/**
 * What the simulated e-document system holds, in memory. Accepted documents progress along
 * `progression` (default 03 then 06) one step per status poll, so a test or the demo sees a
 * report go from arrived to done without waiting on a timer.
 */
export class EdocInbox {
  private readonly docs = new Map<string, HeldDocument>();

  constructor(private readonly progression: readonly string[]) {}

  get(documentId: string): HeldDocument | undefined {
    return this.docs.get(documentId);
  }

  list(): HeldDocument[] {
    return [...this.docs.values()];
  }

  clear(): void {
    this.docs.clear();
  }

  /** Holds at most `MAX_HELD` documents (a long demo run must not grow without bound): the oldest go first. */
  hold(doc: HeldDocument): HeldDocument {
    this.docs.delete(doc.documentId);
    this.docs.set(doc.documentId, doc);
    while (this.docs.size > MAX_HELD) this.docs.delete(this.docs.keys().next().value!);
    return doc;
  }

  current(doc: HeldDocument): StatusEntry {
    return doc.statuses[doc.statuses.length - 1]!;
  }

  record(doc: HeldDocument, statusCode: string, timestamp: string, description = STATUS_TEXT[statusCode] ?? statusCode): StatusEntry {
    const entry = { statusCode, description, timestamp };
    doc.statuses.push(entry);
    return entry;
  }

  /**
   * Moves a document to the next progression status after its current one (codes 01-06 are
   * ordered, so a document set to 04 by /updateStatus goes on to 06). Refused, done, recalled
   * (13, 15, 16) documents stay where they are.
   */
  advance(doc: HeldDocument, timestamp: string): StatusEntry {
    const now = this.current(doc).statusCode;
    // 02 refused and 06 done (and 13, 15, 16 after it) are final.
    if (now === '02' || Number(now) >= 6) return this.current(doc);
    const next = this.progression.find((code) => Number(code) > Number(now));
    return next ? this.record(doc, next, timestamp) : this.current(doc);
  }

  statusMessage(doc: HeldDocument, receiver: { organId: string; organName?: string }): StatusAnswer {
    const entry = this.current(doc);
    return {
      responseFor: { organId: doc.document.from.organId, documentId: doc.documentId },
      from: receiver,
      statusCode: entry.statusCode,
      description: entry.description,
      timestamp: entry.timestamp,
    };
  }
}

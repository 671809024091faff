import { AppError } from '../shared/errors.js';

/**
 * What a packet is about. Reports are one kind among several: a report's status (recall,
 * correction, acknowledgement), a catalog the province pushes, a set of KPI observations.
 */
export type SubjectKind = 'report' | 'status' | 'catalog' | 'kpi' | 'ministry';

export interface PacketSubject {
  kind: SubjectKind;
  /** Submission id (report, status), catalog type (catalog), KPI set + period (kpi). */
  id: string;
  /** Report version, catalog version, ...; 1 when the subject has no versions. */
  version: number;
  /** Sending org unit (the province for catalogs), for the console's scope. */
  orgUnitId?: string;
  periodKey?: string;
  formCode?: string;
}

/**
 * The port every outbound channel (national reporting system, e-document system, ministry
 * systems) implements. Delivery sees only this interface.
 */
export interface OutboundPacket {
  packetId: string;
  /** Same key on every attempt and on every channel (fallback + reconciliation dedupe on it). */
  idempotencyKey: string;
  /** National packet type, e.g. report-data. */
  packetType: string;
  /** The report this packet carries or is about (report and status packets); absent otherwise. */
  submissionId?: string;
  /** What the packet is about; absent = the report `submissionId` (report packets built before subjects). */
  subject?: PacketSubject;
  /** Canonical JSON body as sent (the bytes the signature covers). */
  body: string;
  /** Compact JWS with detached payload over `body`. */
  signature: string;
  /** Human title for document channels, e.g. "Báo cáo KT-XH tháng 01/2027 - Sở Tài chính". */
  title: string;
  /** ISO date the report is due, used by the fallback policy. */
  deadline?: string;
}

export interface DeliveryReceipt {
  channel: string;
  /** Id the remote system assigned (receipt id, edXML DocumentId, ...). */
  remoteId: string;
  /** Remote status vocabulary, e.g. received / accepted, or edXML 01 / 03. */
  status: string;
  /** true once the remote system has acknowledged (final positive state). */
  acknowledged: boolean;
  raw?: unknown;
}

export interface Channel {
  readonly name: string;
  deliver(packet: OutboundPacket): Promise<DeliveryReceipt>;
  /** Poll the remote status of a previous delivery. */
  status?(remoteId: string): Promise<DeliveryReceipt>;
}

/**
 * A channel failure. `retryable` false means retrying cannot help (schema or signature refused,
 * 4xx): the packet goes straight to dead letter.
 */
export class ChannelError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryable: boolean,
    details?: Record<string, unknown>,
  ) {
    super(code, message, 502, details);
  }
}

/**
 * Retry-After (seconds or an HTTP date) in ms from `now`; undefined when absent or unreadable.
 * Channels put it in `ChannelError.details.retryAfterMs`, which the worker honours.
 */
export function retryAfterMs(header: unknown, now: Date = new Date()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * Throttling (HTTP 429) is not an outage: the receiver is up and asks us to slow down. It never
 * counts toward a breaker, the fallback threshold or the retry budget; we wait Retry-After.
 */
export function isThrottled(error: ChannelError): boolean {
  return error.code.endsWith('_RATE_LIMITED') || (error.details as { throttled?: unknown } | undefined)?.throttled === true;
}

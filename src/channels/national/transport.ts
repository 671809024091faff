/**
 * Our HTTPS transport profile to the national reporting system (contracts/transport/v1,
 * docs/exchange.md): the body is the packet's canonical JSON as signed; headers carry the rest.
 */
export const PACKETS_PATH = '/api/v1/packets';
export const HEADER_IDEMPOTENCY_KEY = 'idempotency-key';
/** Compact JWS with detached payload over the exact body bytes. */
export const HEADER_SIGNATURE = 'x-packet-signature';
export const HEADER_PACKET_ID = 'x-packet-id';
export const HEADER_PACKET_TYPE = 'x-packet-type';
/** Compact JWS with detached payload over the exact receipt bytes, when the receiver signs. */
export const HEADER_RECEIPT_SIGNATURE = 'x-receipt-signature';
/** 409: this packetId is held under another Idempotency-Key (details.receiptId, details.sameBody). */
export const PACKET_ID_REUSED = 'PACKET_ID_REUSED';

/** returned: the national system sends the report back for revision (trả lại), with a reason. */
export type ReceiptStatus = 'received' | 'accepted' | 'rejected' | 'returned';

/** The receipt (biên nhận), contract transport/v1/receipt. */
export interface NationalReceipt {
  receiptId: string;
  packetId: string;
  idempotencyKey: string;
  packetType?: string;
  status: ReceiptStatus;
  receivedAt: string;
  updatedAt?: string;
  system?: string;
  reason?: string;
  /** Fields a newer receiver adds (e.g. trackingUrl) are kept, never a reason to refuse. */
  [unknown: string]: unknown;
}

export const RECEIPT_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/transport/v1/receipt.schema.json';

/** Refusal codes the receiver answers (error contract); the channel maps them to non-retryable errors. */
export const SIGNATURE_REFUSALS = [
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_KEY_USAGE',
] as const;

export { retryAfterMs } from '../../delivery/channel.js';

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

export type ReceiptStatus = 'received' | 'accepted' | 'rejected';

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
}

export const RECEIPT_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/transport/v1/receipt.schema.json';

/** Refusal codes the receiver answers (error contract); the channel maps them to non-retryable errors. */
export const SIGNATURE_REFUSALS = ['SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'CERTIFICATE_UNTRUSTED', 'CERTIFICATE_EXPIRED', 'CERTIFICATE_KEY_USAGE'] as const;

export { retryAfterMs } from '../../delivery/channel.js';

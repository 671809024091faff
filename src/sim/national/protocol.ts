/**
 * The national reporting system's side of our transport profile (contracts/transport/v1/openapi.yaml),
 * written from the profile, not taken from the gateway's channel: if the two drift apart, the
 * channel's tests against this simulator fail.
 */
export const PACKETS_PATH = '/api/v1/packets';
export const HEADER_IDEMPOTENCY_KEY = 'idempotency-key';
export const HEADER_SIGNATURE = 'x-packet-signature';
/** 409 when a packetId arrives again under another Idempotency-Key. */
export const PACKET_ID_REUSED = 'PACKET_ID_REUSED';

export type ReceiptStatus = 'received' | 'accepted' | 'rejected' | 'returned';

/** The receipt (biên nhận), contracts/transport/v1/receipt.schema.json. */
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
  [unknown: string]: unknown;
}

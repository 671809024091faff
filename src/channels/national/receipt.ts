import { ChannelError, type DeliveryReceipt, type OutboundPacket } from '../../delivery/channel.js';
import type { TextResponse } from './http-text.js';
import type { TrustStore } from '../../exchange/pki/trust.js';
import { verifySignature } from '../../exchange/signing/verify.js';
import { getValidator } from '../../shared/contracts.js';
import { HEADER_RECEIPT_SIGNATURE, RECEIPT_SCHEMA_ID, type NationalReceipt } from './transport.js';

export const NATIONAL_CHANNEL = 'national';

export interface ReceiptPolicy {
  /** Anchors a signed receipt must chain to; absent = signatures are kept but not checked. */
  trust?: TrustStore;
  /** Refuse receipts that carry no signature (when the receiver is known to sign). */
  requireSignature?: boolean;
  now?: () => Date;
}

/**
 * The receipt as proof of delivery: the exact bytes received and the receiver's signature over
 * them, so the message log keeps what the receiver said, not our reading of it.
 */
export interface ReceiptProof {
  httpStatus: number;
  body: string;
  signature?: string;
  signer?: string;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What the receipt must say about the packet we sent (or the receipt we asked about). */
export interface ReceiptExpectation {
  packetId?: string;
  idempotencyKey?: string;
  receiptId?: string;
}

/**
 * Reads a 2xx answer: forward compatible (fields we do not know are kept, never a reason to
 * refuse), checked against what was sent (packetId, Idempotency-Key), signature verified when
 * the receiver signs. A receipt for another packet is not proof of this one: NATIONAL_RECEIPT_MISMATCH.
 */
export async function readReceipt(res: TextResponse, expected: ReceiptExpectation, policy: ReceiptPolicy): Promise<DeliveryReceipt> {
  const body = res.data;
  const data = parse(body);
  const validate = getValidator<NationalReceipt>(RECEIPT_SCHEMA_ID);
  if (!validate(data)) {
    // The packet may have arrived; resending is safe (same Idempotency-Key).
    throw new ChannelError('NATIONAL_RESPONSE_INVALID', 'Unreadable receipt from the national reporting system', true, {
      httpStatus: res.status,
      errors: validate.errors?.slice(0, 3),
    });
  }
  const mismatch = (['packetId', 'idempotencyKey', 'receiptId'] as const).filter(
    (f) => expected[f] !== undefined && data[f] !== expected[f],
  );
  if (mismatch.length > 0) {
    throw new ChannelError('NATIONAL_RECEIPT_MISMATCH', `The receipt names another packet (${mismatch.join(', ')})`, false, {
      fields: mismatch,
      expected,
      received: Object.fromEntries(mismatch.map((f) => [f, data[f]])),
    });
  }
  const proof: ReceiptProof = { httpStatus: res.status, body };
  const signature = res.headers[HEADER_RECEIPT_SIGNATURE];
  if (typeof signature === 'string' && signature !== '') {
    proof.signature = signature;
    if (policy.trust) {
      const v = await verifySignature(body, signature, policy.trust, policy.now?.() ?? new Date());
      if (!v.ok) {
        throw new ChannelError(
          'NATIONAL_RECEIPT_SIGNATURE_INVALID',
          `The receipt's signature does not verify: ${v.checks
            .filter((c) => !c.ok)
            .map((c) => c.message)
            .join('; ')}`,
          false,
          { checks: v.checks },
        );
      }
      if (v.signer) proof.signer = v.signer;
    }
  } else if (policy.requireSignature) {
    throw new ChannelError('NATIONAL_RECEIPT_UNSIGNED', 'The receipt carries no signature', false, { httpStatus: res.status });
  }
  if (data.status === 'returned') {
    throw new ChannelError(
      'NATIONAL_RETURNED',
      `National reporting system returned ${data.packetId} for revision: ${data.reason ?? ''}`,
      false,
      { receiptId: data.receiptId, reason: data.reason, proof },
    );
  }
  if (data.status === 'rejected') {
    throw new ChannelError('NATIONAL_REJECTED', `National reporting system rejected ${data.packetId}: ${data.reason ?? ''}`, false, {
      receiptId: data.receiptId,
      reason: data.reason,
      proof,
    });
  }
  return { channel: NATIONAL_CHANNEL, remoteId: data.receiptId, status: data.status, acknowledged: data.status === 'accepted', raw: proof };
}

export function expectationFor(packet: OutboundPacket): ReceiptExpectation {
  return { packetId: packet.packetId, idempotencyKey: packet.idempotencyKey };
}

import { ChannelError, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../delivery/channel.js';
import { textClient, type TextResponse } from './http-text.js';
import { expectationFor, NATIONAL_CHANNEL, readReceipt, type ReceiptExpectation, type ReceiptPolicy } from './receipt.js';
import {
  HEADER_IDEMPOTENCY_KEY,
  HEADER_PACKET_ID,
  HEADER_PACKET_TYPE,
  HEADER_SIGNATURE,
  PACKETS_PATH,
  PACKET_ID_REUSED,
  SIGNATURE_REFUSALS,
  retryAfterMs,
} from './transport.js';

export interface NationalChannelOptions {
  /** NATIONAL_URL, else the in-process simulator's URL. */
  baseUrl: string;
  timeoutMs?: number;
  /** How receipts are checked (signature anchors, signature required). */
  receipts?: ReceiptPolicy;
}

export { NATIONAL_CHANNEL };

function transportError(err: unknown): ChannelError {
  const e = err as { code?: string; message?: string };
  return new ChannelError('NATIONAL_UNREACHABLE', `National reporting system unreachable: ${e.code ?? e.message ?? 'unknown'}`, true, {
    cause: e.code,
  });
}

interface RemoteError {
  code?: string;
  message?: string;
  details?: { receiptId?: unknown; sameBody?: unknown; idempotencyKey?: unknown };
}

function remoteError(res: TextResponse): RemoteError {
  let body: unknown;
  try {
    body = JSON.parse(res.data);
  } catch {
    return {};
  }
  return typeof body === 'object' && body !== null ? (body as RemoteError) : {};
}

/**
 * Non-2xx answers. Transient (retryable): 5xx, 429 (Retry-After honoured via details.retryAfterMs).
 * Final (dead letter): schema or signature refusal, idempotency key reused with another body, other 4xx.
 */
function httpError(res: TextResponse): ChannelError {
  const remote = remoteError(res);
  const details = { httpStatus: res.status, remoteCode: remote.code, remoteMessage: remote.message };
  // Retry-After may come with 429 and with 503 (maintenance): the retry policy honours it.
  const ms = retryAfterMs(res.headers['retry-after']);
  const retryAfter = ms !== undefined ? { retryAfterMs: ms, retryAfterSeconds: Math.ceil(ms / 1000) } : {};
  if (res.status === 429)
    return new ChannelError('NATIONAL_RATE_LIMITED', 'National reporting system rate limit', true, {
      ...details,
      ...retryAfter,
      throttled: true,
    });
  if (res.status >= 500)
    return new ChannelError('NATIONAL_SERVER_ERROR', `National reporting system answered ${res.status}`, true, {
      ...details,
      ...retryAfter,
    });
  if (remote.code && (SIGNATURE_REFUSALS as readonly string[]).includes(remote.code)) {
    return new ChannelError(
      'NATIONAL_SIGNATURE_REJECTED',
      `National reporting system refused the signature: ${remote.message ?? remote.code}`,
      false,
      details,
    );
  }
  if (remote.code === 'PACKET_SCHEMA_INVALID') {
    return new ChannelError(
      'NATIONAL_SCHEMA_REJECTED',
      `National reporting system refused the packet: ${remote.message ?? ''}`,
      false,
      details,
    );
  }
  if (remote.code === PACKET_ID_REUSED) {
    return new ChannelError(
      'NATIONAL_PACKET_ID_CONFLICT',
      'The receiver holds this packetId under another Idempotency-Key with another body',
      false,
      { ...details, remoteDetails: remote.details },
    );
  }
  if (res.status === 409)
    return new ChannelError('NATIONAL_IDEMPOTENCY_CONFLICT', 'Idempotency-Key already used for a different body', false, details);
  if (res.status === 404)
    return new ChannelError('NATIONAL_RECEIPT_UNKNOWN', 'National reporting system does not know this receipt', false, details);
  return new ChannelError('NATIONAL_REQUEST_REJECTED', `National reporting system refused the request (${res.status})`, false, details);
}

/** The primary channel: national packets over our HTTPS transport profile (docs/exchange.md). */
export function createNationalChannel(options: NationalChannelOptions): Channel & { status(remoteId: string): Promise<DeliveryReceipt> } {
  // Receipts are read as text: the exact bytes are the proof (and what a receipt signature covers).
  const http = textClient(options.baseUrl, options.timeoutMs ?? 10_000);
  const policy = options.receipts ?? {};

  async function exchange(run: () => Promise<TextResponse>): Promise<TextResponse> {
    try {
      return await run();
    } catch (err) {
      throw transportError(err);
    }
  }

  async function status(remoteId: string, expected: ReceiptExpectation = {}): Promise<DeliveryReceipt> {
    const res = await exchange(() => http.get(`${PACKETS_PATH}/${encodeURIComponent(remoteId)}`));
    if (res.status < 200 || res.status >= 300) throw httpError(res);
    return readReceipt(res, { ...expected, receiptId: remoteId }, policy);
  }

  async function deliver(packet: OutboundPacket): Promise<DeliveryReceipt> {
    const res = await exchange(() =>
      // The body goes as the exact signed string.
      http.post(PACKETS_PATH, packet.body, {
        'content-type': 'application/json; charset=utf-8',
        [HEADER_IDEMPOTENCY_KEY]: packet.idempotencyKey,
        [HEADER_SIGNATURE]: packet.signature,
        [HEADER_PACKET_ID]: packet.packetId,
        [HEADER_PACKET_TYPE]: packet.packetType,
      }),
    );
    if (res.status >= 200 && res.status < 300) return readReceipt(res, expectationFor(packet), policy);
    // Contract: the same packetId under another key with the same body has arrived already;
    // its receipt (looked up by id, checked against the packetId) is this packet's proof.
    const remote = remoteError(res);
    if (
      res.status === 409 &&
      remote.code === PACKET_ID_REUSED &&
      remote.details?.sameBody === true &&
      typeof remote.details.receiptId === 'string'
    ) {
      return status(remote.details.receiptId, { packetId: packet.packetId });
    }
    throw httpError(res);
  }

  return { name: NATIONAL_CHANNEL, deliver, status: (remoteId: string) => status(remoteId) };
}

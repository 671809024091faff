import axios, { type AxiosResponse } from 'axios';
import { ChannelError, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../delivery/channel.js';
import { getValidator } from '../../shared/contracts.js';
import {
  HEADER_IDEMPOTENCY_KEY, HEADER_PACKET_ID, HEADER_PACKET_TYPE, HEADER_SIGNATURE, PACKETS_PATH, RECEIPT_SCHEMA_ID,
  SIGNATURE_REFUSALS, retryAfterMs, type NationalReceipt,
} from './transport.js';

export interface NationalChannelOptions {
  /** NATIONAL_URL, else the in-process simulator's URL. */
  baseUrl: string;
  timeoutMs?: number;
}

export const NATIONAL_CHANNEL = 'national';

function transportError(err: unknown): ChannelError {
  const e = err as { code?: string; message?: string };
  return new ChannelError('NATIONAL_UNREACHABLE', `National reporting system unreachable: ${e.code ?? e.message ?? 'unknown'}`, true, { cause: e.code });
}

function remoteError(res: AxiosResponse<unknown>): { code?: string; message?: string } {
  const body = res.data;
  return typeof body === 'object' && body !== null ? (body as { code?: string; message?: string }) : {};
}

/**
 * Non-2xx answers. Transient (retryable): 5xx, 429 (Retry-After honoured via details.retryAfterMs).
 * Final (dead letter): schema or signature refusal, idempotency key reused with another body, other 4xx.
 */
function httpError(res: AxiosResponse<unknown>): ChannelError {
  const remote = remoteError(res);
  const details = { httpStatus: res.status, remoteCode: remote.code, remoteMessage: remote.message };
  // Retry-After may come with 429 and with 503 (maintenance): the retry policy honours it.
  const ms = retryAfterMs(res.headers['retry-after']);
  const retryAfter = ms !== undefined ? { retryAfterMs: ms, retryAfterSeconds: Math.ceil(ms / 1000) } : {};
  if (res.status === 429) return new ChannelError('NATIONAL_RATE_LIMITED', 'National reporting system rate limit', true, { ...details, ...retryAfter });
  if (res.status >= 500) return new ChannelError('NATIONAL_SERVER_ERROR', `National reporting system answered ${res.status}`, true, { ...details, ...retryAfter });
  if (remote.code && (SIGNATURE_REFUSALS as readonly string[]).includes(remote.code)) {
    return new ChannelError('NATIONAL_SIGNATURE_REJECTED', `National reporting system refused the signature: ${remote.message ?? remote.code}`, false, details);
  }
  if (remote.code === 'PACKET_SCHEMA_INVALID') {
    return new ChannelError('NATIONAL_SCHEMA_REJECTED', `National reporting system refused the packet: ${remote.message ?? ''}`, false, details);
  }
  if (res.status === 409) return new ChannelError('NATIONAL_IDEMPOTENCY_CONFLICT', 'Idempotency-Key already used for a different body', false, details);
  if (res.status === 404) return new ChannelError('NATIONAL_RECEIPT_UNKNOWN', 'National reporting system does not know this receipt', false, details);
  return new ChannelError('NATIONAL_REQUEST_REJECTED', `National reporting system refused the request (${res.status})`, false, details);
}

function toReceipt(res: AxiosResponse<unknown>): DeliveryReceipt {
  const validate = getValidator<NationalReceipt>(RECEIPT_SCHEMA_ID);
  if (!validate(res.data)) {
    // The packet may have arrived; resending is safe (same Idempotency-Key).
    throw new ChannelError('NATIONAL_RESPONSE_INVALID', 'Unreadable receipt from the national reporting system', true, { httpStatus: res.status, errors: validate.errors?.slice(0, 3) });
  }
  const r = res.data;
  if (r.status === 'rejected') {
    throw new ChannelError('NATIONAL_REJECTED', `National reporting system rejected ${r.packetId}: ${r.reason ?? ''}`, false, { receiptId: r.receiptId, reason: r.reason });
  }
  return { channel: NATIONAL_CHANNEL, remoteId: r.receiptId, status: r.status, acknowledged: r.status === 'accepted', raw: r };
}

/** The primary channel: national packets over our HTTPS transport profile (docs/exchange.md). */
export function createNationalChannel(options: NationalChannelOptions): Channel & { status(remoteId: string): Promise<DeliveryReceipt> } {
  const http = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs ?? 10_000, validateStatus: () => true });

  async function call(run: () => Promise<AxiosResponse<unknown>>): Promise<DeliveryReceipt> {
    let res: AxiosResponse<unknown>;
    try {
      res = await run();
    } catch (err) {
      throw transportError(err);
    }
    if (res.status < 200 || res.status >= 300) throw httpError(res);
    return toReceipt(res);
  }

  return {
    name: NATIONAL_CHANNEL,
    deliver: (packet: OutboundPacket) =>
      call(() => http.post(PACKETS_PATH, packet.body, {
        // The body goes as the exact signed string: axios must not re-serialise it.
        transformRequest: [(d: unknown) => d],
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [HEADER_IDEMPOTENCY_KEY]: packet.idempotencyKey,
          [HEADER_SIGNATURE]: packet.signature,
          [HEADER_PACKET_ID]: packet.packetId,
          [HEADER_PACKET_TYPE]: packet.packetType,
        },
      })),
    status: (remoteId: string) => call(() => http.get(`${PACKETS_PATH}/${encodeURIComponent(remoteId)}`)),
  };
}

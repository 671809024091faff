import { ChannelError, retryAfterMs, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../delivery/channel.js';

export const MINISTRY_CHANNEL = 'ministry';

/** Where one packet goes and with which credentials (a connector's URL and secret header). */
export interface MinistryEndpoint {
  url: string;
  headers: Record<string, string>;
  /** The connector's own timeout; else the channel's. */
  timeoutMs?: number;
}

export interface MinistryChannelOptions {
  /** The endpoint of the connector a packet belongs to (its subject id names the connector). */
  endpointOf(packet: OutboundPacket): MinistryEndpoint;
  timeoutMs?: number;
}

/** The connector a ministry packet belongs to: `<connector id>/<period key>` in its subject. */
export function connectorOf(packet: OutboundPacket): string {
  const id = packet.subject?.kind === 'ministry' ? packet.subject.id.split('/')[0] : undefined;
  if (!id) throw new ChannelError('MINISTRY_PACKET_INVALID', `Packet ${packet.packetId} names no ministry connector`, false);
  return id;
}

function remoteCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** Non-2xx: 5xx and 429 are transient, any other 4xx means retrying cannot help. */
function httpError(res: Response, text: string): ChannelError {
  const details = { httpStatus: res.status, remoteCode: remoteCode(text) };
  const ms = retryAfterMs(res.headers.get('retry-after') ?? undefined);
  const retryAfter = ms !== undefined ? { retryAfterMs: ms } : {};
  if (res.status === 429)
    return new ChannelError('MINISTRY_RATE_LIMITED', 'Ministry system rate limit', true, { ...details, ...retryAfter, throttled: true });
  if (res.status >= 500)
    return new ChannelError('MINISTRY_SERVER_ERROR', `Ministry system answered ${res.status}`, true, { ...details, ...retryAfter });
  if (res.status === 401 || res.status === 403)
    return new ChannelError('MINISTRY_AUTH_REJECTED', 'Ministry system refused our credentials', false, details);
  return new ChannelError('MINISTRY_REJECTED', `Ministry system refused the packet (${res.status})`, false, details);
}

/**
 * Pushes to ministry systems (declarative connectors, direction push) as one more outbound
 * channel: the body is the JSON document as queued, the Idempotency-Key lets the receiver drop
 * a repeat, and the answer's id is the receipt. Retries, breakers and the log are the engine's.
 */
export function createMinistryChannel(options: MinistryChannelOptions): Channel {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: MINISTRY_CHANNEL,
    async deliver(packet: OutboundPacket): Promise<DeliveryReceipt> {
      let endpoint: MinistryEndpoint;
      try {
        endpoint = options.endpointOf(packet);
      } catch (err) {
        // An unknown connector or a missing secret: a setting to fix, then a replay; retrying alone cannot help.
        const e = err as { code?: string; message?: string };
        throw new ChannelError('MINISTRY_ENDPOINT_UNAVAILABLE', e.message ?? String(err), false, { cause: e.code });
      }
      let res: Response;
      try {
        res = await fetch(`${endpoint.url}/api/values`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': packet.idempotencyKey,
            ...endpoint.headers,
          },
          body: packet.body,
          signal: AbortSignal.timeout(endpoint.timeoutMs ?? timeoutMs),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        const cause = e.cause?.code ?? e.name;
        throw new ChannelError('MINISTRY_UNREACHABLE', `Ministry system at ${endpoint.url} did not answer: ${cause}`, true, { cause });
      }
      const text = await res.text();
      if (!res.ok) throw httpError(res, text);
      const id = (() => {
        try {
          return (JSON.parse(text) as { id?: unknown }).id;
        } catch {
          return undefined;
        }
      })();
      if (typeof id !== 'string' || id === '')
        throw new ChannelError('MINISTRY_RESPONSE_INVALID', 'Ministry system answered without a receipt id', true, {
          httpStatus: res.status,
        });
      return {
        channel: MINISTRY_CHANNEL,
        remoteId: id,
        status: 'received',
        acknowledged: true,
        raw: { httpStatus: res.status, body: text },
      };
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelError, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../../src/delivery/channel.js';

/**
 * A national-system stand-in over real HTTP: holds each Idempotency-Key once (a replay gets
 * the same receipt) and counts every request, so tests can assert "exactly once in effect".
 */
export interface CountingReceiver {
  url: string;
  requests: number;
  held: Map<string, string>;
  /** Requests per key, replays included. */
  perKey: Map<string, number>;
  close(): Promise<void>;
}

export async function startReceiver(delayMs = 0): Promise<CountingReceiver> {
  const state = { requests: 0, held: new Map<string, string>(), perKey: new Map<string, number>() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      state.requests++;
      state.perKey.set(key, (state.perKey.get(key) ?? 0) + 1);
      setTimeout(() => {
        const receiptId = state.held.get(key) ?? `R-${state.held.size + 1}`;
        state.held.set(key, receiptId);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receiptId, status: 'accepted' }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** The matching channel: POST the body with its Idempotency-Key. */
export function httpChannel(url: string): Channel {
  return {
    name: 'national',
    async deliver(packet: OutboundPacket): Promise<DeliveryReceipt> {
      let res: Response;
      try {
        res = await fetch(`${url}/packets`, {
          method: 'POST',
          body: packet.body,
          headers: { 'idempotency-key': packet.idempotencyKey, 'content-type': 'application/json' },
        });
      } catch (err) {
        throw new ChannelError('TEST_UNREACHABLE', (err as Error).message, true);
      }
      if (!res.ok) throw new ChannelError('TEST_HTTP_ERROR', `receiver answered ${res.status}`, res.status >= 500);
      const body = (await res.json()) as { receiptId: string; status: string };
      return { channel: 'national', remoteId: body.receiptId, status: body.status, acknowledged: body.status === 'accepted' };
    },
  };
}

import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { OutboundPacket } from '../../src/delivery/channel.js';

const BASE = 'http://national.test';
const packet: OutboundPacket = {
  packetId: 'PKT-0123456789abcdef0123456789abcdef', idempotencyKey: 'lt-key-1', packetType: 'report-data', submissionId: 's1',
  body: '{"a":1}', signature: 'h..s', title: 'Báo cáo',
};
const receipt = { receiptId: 'RCPT-abcdef12', packetId: packet.packetId, idempotencyKey: packet.idempotencyKey, status: 'accepted', receivedAt: '2027-01-16T04:00:00.000Z' };
const channel = createNationalChannel({ baseUrl: BASE, timeoutMs: 2000 });

afterEach(() => nock.cleanAll());

describe('national channel (nock)', () => {
  it('posts the exact signed body with the transport headers', async () => {
    const scope = nock(BASE, {
      reqheaders: { 'idempotency-key': 'lt-key-1', 'x-packet-signature': 'h..s', 'x-packet-id': packet.packetId, 'x-packet-type': 'report-data' },
    }).post('/api/v1/packets', (body: unknown) => JSON.stringify(body) === '{"a":1}').reply(201, receipt);
    expect(await channel.deliver(packet)).toEqual({ channel: 'national', remoteId: 'RCPT-abcdef12', status: 'accepted', acknowledged: true, raw: receipt });
    expect(scope.isDone()).toBe(true);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    nock(BASE).post('/api/v1/packets').reply(429, { code: 'RATE' }, { 'retry-after': at });
    const err = await channel.deliver(packet).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NATIONAL_RATE_LIMITED', retryable: true });
    const ms = (err as { details: { retryAfterMs: number } }).details.retryAfterMs;
    expect(ms).toBeGreaterThan(50_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });

  it('passes Retry-After of a 503 on, and copes with a non-JSON error page', async () => {
    nock(BASE).post('/api/v1/packets').reply(503, '<html>Bảo trì</html>', { 'retry-after': '120' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_SERVER_ERROR', retryable: true, details: expect.objectContaining({ retryAfterMs: 120_000 }) });
    nock(BASE).post('/api/v1/packets').reply(403, '<html>Forbidden</html>');
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_REQUEST_REJECTED', retryable: false });
  });

  it('treats an unreadable receipt as retryable, other 4xx as final', async () => {
    nock(BASE).post('/api/v1/packets').reply(200, { hello: 'world' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_RESPONSE_INVALID', retryable: true });
    nock(BASE).post('/api/v1/packets').reply(400, { code: 'IDEMPOTENCY_KEY_MISSING', message: 'x' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_REQUEST_REJECTED', retryable: false, details: expect.objectContaining({ remoteCode: 'IDEMPOTENCY_KEY_MISSING' }) });
    nock(BASE).post('/api/v1/packets').replyWithError({ code: 'ECONNREFUSED' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_UNREACHABLE', retryable: true });
  });
});

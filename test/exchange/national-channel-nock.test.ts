import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { OutboundPacket } from '../../src/delivery/channel.js';

const BASE = 'http://national.test';
const packet: OutboundPacket = {
  packetId: 'PKT-0123456789abcdef0123456789abcdef',
  idempotencyKey: 'lt-key-1',
  packetType: 'report-data',
  submissionId: 's1',
  body: '{"a":1}',
  signature: 'h..s',
  title: 'Báo cáo',
};
const receipt = {
  receiptId: 'RCPT-abcdef12',
  packetId: packet.packetId,
  idempotencyKey: packet.idempotencyKey,
  status: 'accepted',
  receivedAt: '2027-01-16T04:00:00.000Z',
};
const channel = createNationalChannel({ baseUrl: BASE, timeoutMs: 2000 });

afterEach(() => nock.cleanAll());

describe('national channel (nock)', () => {
  it('posts the exact signed body with the transport headers', async () => {
    const scope = nock(BASE, {
      reqheaders: {
        'idempotency-key': 'lt-key-1',
        'x-packet-signature': 'h..s',
        'x-packet-id': packet.packetId,
        'x-packet-type': 'report-data',
      },
    })
      .post('/api/v1/packets', (body: unknown) => JSON.stringify(body) === '{"a":1}')
      .reply(201, receipt);
    expect(await channel.deliver(packet)).toEqual({
      channel: 'national',
      remoteId: 'RCPT-abcdef12',
      status: 'accepted',
      acknowledged: true,
      raw: { httpStatus: 201, body: JSON.stringify(receipt) },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const before = Date.now();
    const at = new Date(before + 60_000).toUTCString();
    nock(BASE).post('/api/v1/packets').reply(429, { code: 'RATE' }, { 'retry-after': at });
    const err = await channel.deliver(packet).catch((e: unknown) => e);
    const after = Date.now();
    expect(err).toMatchObject({ code: 'NATIONAL_RATE_LIMITED', retryable: true });
    const ms = (err as { details: { retryAfterMs: number } }).details.retryAfterMs;
    // The wait until that date, counted from some moment of the delivery (however slow the machine).
    expect(ms).toBeGreaterThanOrEqual(Date.parse(at) - after);
    expect(ms).toBeLessThanOrEqual(Date.parse(at) - before);
  });

  it('passes Retry-After of a 503 on, and copes with a non-JSON error page', async () => {
    nock(BASE).post('/api/v1/packets').reply(503, '<html>Bảo trì</html>', { 'retry-after': '120' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_SERVER_ERROR',
      retryable: true,
      details: expect.objectContaining({ retryAfterMs: 120_000 }),
    });
    nock(BASE).post('/api/v1/packets').reply(403, '<html>Forbidden</html>');
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_REQUEST_REJECTED', retryable: false });
  });

  it('treats an unreadable receipt as retryable, other 4xx as final', async () => {
    nock(BASE).post('/api/v1/packets').reply(200, { hello: 'world' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_RESPONSE_INVALID', retryable: true });
    nock(BASE).post('/api/v1/packets').reply(400, { code: 'IDEMPOTENCY_KEY_MISSING', message: 'x' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_REQUEST_REJECTED',
      retryable: false,
      details: expect.objectContaining({ remoteCode: 'IDEMPOTENCY_KEY_MISSING' }),
    });
    nock(BASE).post('/api/v1/packets').replyWithError({ code: 'ECONNREFUSED' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_UNREACHABLE', retryable: true });
  });

  it('keeps a receipt with fields it does not know (a newer receiver): proof is the exact bytes', async () => {
    const newer = JSON.stringify({ ...receipt, trackingUrl: 'https://httt.example/theo-doi/RCPT-abcdef12', queuePosition: 3 });
    nock(BASE).post('/api/v1/packets').reply(201, newer, { 'content-type': 'application/json' });
    const got = await channel.deliver(packet);
    expect(got).toMatchObject({ remoteId: 'RCPT-abcdef12', acknowledged: true, raw: { httpStatus: 201, body: newer } });
  });

  it('refuses a receipt that names another packet or another Idempotency-Key (not proof of this one)', async () => {
    nock(BASE)
      .post('/api/v1/packets')
      .reply(201, { ...receipt, packetId: 'PKT-ffffffffffffffffffffffffffffffff' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_RECEIPT_MISMATCH',
      retryable: false,
      details: expect.objectContaining({ fields: ['packetId'] }),
    });
    nock(BASE)
      .post('/api/v1/packets')
      .reply(201, { ...receipt, idempotencyKey: 'lt-other' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_RECEIPT_MISMATCH',
      details: expect.objectContaining({ fields: ['idempotencyKey'] }),
    });
  });

  it('packetId held under another key: same body → its receipt (looked up, checked) is the proof; other body → final conflict', async () => {
    const original = { ...receipt, idempotencyKey: 'lt-old-key' };
    nock(BASE)
      .post('/api/v1/packets')
      .reply(409, {
        code: 'PACKET_ID_REUSED',
        message: 'x',
        details: { receiptId: 'RCPT-abcdef12', idempotencyKey: 'lt-old-key', sameBody: true },
      });
    nock(BASE).get('/api/v1/packets/RCPT-abcdef12').reply(200, original);
    expect(await channel.deliver(packet)).toMatchObject({ remoteId: 'RCPT-abcdef12', acknowledged: true });
    nock(BASE)
      .post('/api/v1/packets')
      .reply(409, { code: 'PACKET_ID_REUSED', message: 'x', details: { receiptId: 'RCPT-abcdef12', sameBody: false } });
    await expect(channel.deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_PACKET_ID_CONFLICT', retryable: false });
  });

  it('marks 429 as throttling (not an outage) with its Retry-After', async () => {
    nock(BASE).post('/api/v1/packets').reply(429, { code: 'RATE_LIMITED', message: 'x' }, { 'retry-after': '7' });
    await expect(channel.deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_RATE_LIMITED',
      retryable: true,
      details: expect.objectContaining({ throttled: true, retryAfterMs: 7000 }),
    });
  });
});

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { OutboundPacket } from '../../src/delivery/channel.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { checkPacket, loadAnchors } from '../../src/sim/national/check-packet.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import { nationalApiRouter } from '../../src/sim/national/routes.js';
import { ReceivedPackets } from '../../src/sim/national/store.js';
import { builderFor, monthlyReport, pemCredentials } from './support/reports.js';

let sim: RunningSimulator;
let packet: OutboundPacket;

beforeAll(async () => {
  sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  [packet] = (await builderFor().build(monthlyReport())) as [OutboundPacket];
});
afterAll(() => sim.close());
afterEach(async () => {
  sim.faults.set({ mode: 'none', remaining: 0 });
  await axios.delete(`${sim.url}/_sim/received`);
});

const channel = () => createNationalChannel({ baseUrl: sim.url, timeoutMs: 5000 });
const received = async () =>
  (await axios.get<{ idempotencyKey: string; attempts: number; status: string; submissionId: string }[]>(`${sim.url}/_sim/received`)).data;

describe('national simulator + channel', () => {
  it('accepts a signed packet, returns the same receipt on replay, and answers status', async () => {
    const first = await channel().deliver(packet);
    expect(first).toMatchObject({ channel: 'national', status: 'accepted', acknowledged: true });
    expect(first.remoteId).toMatch(/^RCPT-/);
    const again = await channel().deliver(packet);
    expect(again.remoteId).toBe(first.remoteId);
    expect(await received()).toEqual([
      expect.objectContaining({ idempotencyKey: packet.idempotencyKey, attempts: 2, submissionId: 'sub-2027-01-skhdt' }),
    ]);
    expect(await channel().status(first.remoteId)).toMatchObject({ remoteId: first.remoteId, acknowledged: true });
  });

  it('answers 409 for the same key with a different body (non-retryable)', async () => {
    await channel().deliver(packet);
    const [other] = await builderFor().build(monthlyReport({ approvedBy: 'someone-else' }));
    await expect(channel().deliver({ ...other!, idempotencyKey: packet.idempotencyKey })).rejects.toMatchObject({
      code: 'NATIONAL_IDEMPOTENCY_CONFLICT',
      retryable: false,
    });
  });

  it.each([
    ['untrusted', 'CERTIFICATE_UNTRUSTED'],
    ['expired', 'CERTIFICATE_EXPIRED'],
    ['no-signing-usage', 'CERTIFICATE_KEY_USAGE'],
  ])('refuses a packet signed with the %s certificate (%s), not retryable', async (name, remoteCode) => {
    const [bad] = await builderFor(pemCredentials(name)).build(monthlyReport());
    await expect(channel().deliver(bad!)).rejects.toMatchObject({
      code: 'NATIONAL_SIGNATURE_REJECTED',
      retryable: false,
      details: expect.objectContaining({ remoteCode }),
    });
    expect(await received()).toEqual([]);
  });

  it('refuses a tampered body and a non-conforming packet', async () => {
    await expect(channel().deliver({ ...packet, body: packet.body.replace('412.5', '412.6') })).rejects.toMatchObject({
      code: 'NATIONAL_SIGNATURE_REJECTED',
      details: expect.objectContaining({ remoteCode: 'SIGNATURE_INVALID' }),
    });
    await expect(channel().deliver({ ...packet, body: '{"packetType":"report-data"}' })).rejects.toMatchObject({
      code: 'NATIONAL_SCHEMA_REJECTED',
      retryable: false,
    });
  });

  it('maps the switchable faults: 5xx and 429 retryable with Retry-After, down retryable, reject-signature final', async () => {
    sim.faults.set({ mode: '5xx' });
    await expect(channel().deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_SERVER_ERROR', retryable: true });
    sim.faults.set({ mode: '429', retryAfterSeconds: 7 });
    await expect(channel().deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_RATE_LIMITED',
      retryable: true,
      details: expect.objectContaining({ retryAfterMs: 7000 }),
    });
    sim.faults.set({ mode: 'down' });
    await expect(channel().deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_UNREACHABLE', retryable: true });
    sim.faults.set({ mode: 'reject-signature' });
    await expect(channel().deliver(packet)).rejects.toMatchObject({ code: 'NATIONAL_SIGNATURE_REJECTED', retryable: false });
    sim.faults.set({ mode: 'none' });
    expect((await channel().deliver(packet)).acknowledged).toBe(true);
    expect(await received()).toHaveLength(1);
  });

  it('times out on slow (retryable) and reports an unknown receipt as final', async () => {
    sim.faults.set({ mode: 'slow', delayMs: 500, remaining: 1 });
    await expect(createNationalChannel({ baseUrl: sim.url, timeoutMs: 100 }).deliver(packet)).rejects.toMatchObject({
      code: 'NATIONAL_UNREACHABLE',
      retryable: true,
    });
    await expect(channel().status('RCPT-unknown-0000')).rejects.toMatchObject({ code: 'NATIONAL_RECEIPT_UNKNOWN', retryable: false });
  });

  it('reports a later rejection through status', async () => {
    const r = await channel().deliver(packet);
    await axios.put(`${sim.url}/_sim/received/${r.remoteId}`, { status: 'rejected', reason: 'Sai số liệu' });
    await expect(channel().status(r.remoteId)).rejects.toMatchObject({ code: 'NATIONAL_REJECTED', retryable: false });
  });
});

describe('national simulator, concurrent first attempts', () => {
  it('stores them exactly once, however slow verification is', async () => {
    const held = new ReceivedPackets();
    // A verification that yields for 30 ms lets every request reach it before the first is stored.
    const slowVerify: typeof checkPacket = async (...args) => {
      await new Promise((r) => setTimeout(r, 30));
      return checkPacket(...args);
    };
    const app = express();
    app.use(
      nationalApiRouter({
        anchors: loadAnchors(['fixtures/pki/ca.crt.pem']),
        held,
        acceptMode: 'immediate',
        now: () => new Date(),
        verify: slowVerify,
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const ch = createNationalChannel({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      const receipts = await Promise.all(Array.from({ length: 6 }, () => ch.deliver(packet)));
      expect(new Set(receipts.map((r) => r.remoteId)).size).toBe(1);
      expect(held.list()).toHaveLength(1);
      expect(held.list()[0]!.attempts).toBe(6);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('national simulator, deferred acceptance', () => {
  it('receives first, accepts on the status query', async () => {
    const deferred = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_NATIONAL_ACCEPT: 'deferred' } });
    try {
      const ch = createNationalChannel({ baseUrl: deferred.url });
      const r = await ch.deliver(packet);
      expect(r).toMatchObject({ status: 'received', acknowledged: false });
      expect(await ch.status!(r.remoteId)).toMatchObject({ status: 'accepted', acknowledged: true });
    } finally {
      await deferred.close();
    }
  });
});

describe('national simulator, packet types its office reviews (SIM_NATIONAL_REVIEW_TYPES)', () => {
  it('receives a reviewed type first and accepts it on the status query; other types are accepted at once', async () => {
    const reviewing = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_NATIONAL_REVIEW_TYPES: 'report-data' } });
    const others = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_NATIONAL_REVIEW_TYPES: 'list-report-data' } });
    try {
      expect(packet.packetType).toBe('report-data');
      const ch = createNationalChannel({ baseUrl: reviewing.url });
      const r = await ch.deliver(packet);
      expect(r).toMatchObject({ status: 'received', acknowledged: false });
      expect(await ch.status!(r.remoteId)).toMatchObject({ status: 'accepted', acknowledged: true });
      expect(await createNationalChannel({ baseUrl: others.url }).deliver(packet)).toMatchObject({
        status: 'accepted',
        acknowledged: true,
      });
    } finally {
      await reviewing.close();
      await others.close();
    }
  });
});

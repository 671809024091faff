import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/delivery/channel.js';
import { createEdocChannel } from '../../src/channels/edoc/channel.js';
import { buildEdxmlStatus } from '../../src/channels/edoc/edxml-builder.js';
import { parseEdxml } from '../../src/channels/edoc/edxml-parser.js';
import { vxpAuthHeaders } from '../../src/channels/edoc/vxp-auth.js';
import { createEdxmlSigner } from '../../src/channels/edoc/xml-signature.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { startEdocSimulator } from '../../src/sim/edoc/edoc-simulator.js';
import { eventually } from '../delivery/support/packets.js';
import { samplePacket } from './support/fixtures.js';
import { loadTestPki, type TestPki } from './support/test-pki.js';

let pki: TestPki;
let sim: RunningSimulator;
let channel: Channel;
const SYSTEM = { systemId: 'lienthong-test', secret: 's3cret-test' };

const channelWith = (over: Partial<Parameters<typeof createEdocChannel>[0]> = {}) =>
  createEdocChannel({
    baseUrl: sim.url,
    ...SYSTEM,
    fromOrganId: '000.00.00.H29',
    toOrganId: '000.00.01.H29',
    signer: createEdxmlSigner(pki.org),
    timeoutMs: 5000,
    ...over,
  });

interface Held {
  documentId: string;
  subject: string;
  statusCode: string;
  signer: string | null;
  attachments: { contentType: string; content: string }[];
  statuses: { statusCode: string; description: string }[];
}
const received = async () => (await axios.get<Held[]>(`${sim.url}/_sim/received`)).data;
const setFault = (mode: string, extra: Record<string, unknown> = {}) => axios.put(`${sim.url}/_sim/faults`, { mode, ...extra });

beforeAll(async () => {
  pki = loadTestPki();
  sim = await startEdocSimulator(
    { port: 0, host: '127.0.0.1', env: {} },
    { settings: { systems: new Map([[SYSTEM.systemId, SYSTEM.secret]]), trustedCertificatesPem: [pki.caPem], progression: ['03', '06'] } },
  );
  channel = channelWith();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await setFault('none');
  await axios.delete(`${sim.url}/_sim/received`);
});

describe('edoc channel against the e-document simulator', () => {
  it('delivers a signed edXML: 01 arrived, then 03 and 06 acknowledged on status polls', async () => {
    const packet = samplePacket();
    const receipt = await channel.deliver(packet);
    expect(receipt).toMatchObject({ channel: 'edoc', status: '01', acknowledged: false });
    expect(receipt.remoteId).toMatch(/^000\.00\.00\.H29,\d{4}\/\d{2}\/\d{2},\d+\/BC-LTBC$/);
    const [held] = await received();
    expect(held!.documentId).toBe(receipt.remoteId);
    expect(held!.signer).toContain('000.00.00.H29');
    expect(held!.attachments.map((a) => a.content)).toEqual([packet.body, packet.signature]);
    expect(await channel.status!(receipt.remoteId)).toMatchObject({ status: '03', acknowledged: true });
    expect(await channel.status!(receipt.remoteId)).toMatchObject({ status: '06', acknowledged: true });
  });

  it('dates the document with the injected clock while the HMAC timestamp stays on the wall clock', async () => {
    const receipt = await channelWith({ now: () => new Date('2027-02-01T02:00:00Z') }).deliver(samplePacket());
    expect(receipt.remoteId).toMatch(/^000\.00\.00\.H29,2027\/02\/01,/);
  });

  it('resending the same packet is idempotent (same DocumentId, one document held)', async () => {
    const a = await channel.deliver(samplePacket());
    const b = await channel.deliver(samplePacket({ packetId: 'pkt-0001-retry' }));
    expect(b.remoteId).toBe(a.remoteId);
    expect(await received()).toHaveLength(1);
  });

  it('down → retryable EDOC_UNREACHABLE, and nothing is held', async () => {
    await setFault('down');
    await expect(channel.deliver(samplePacket())).rejects.toMatchObject({ code: 'EDOC_UNREACHABLE', retryable: true });
    expect(await received()).toHaveLength(0);
  });

  it('a packet that cannot become XML (control character in the title) → non-retryable EDOC_DOCUMENT_INVALID', async () => {
    await expect(channel.deliver(samplePacket({ title: 'Báo cáo \u0001' }))).rejects.toMatchObject({
      code: 'EDOC_DOCUMENT_INVALID',
      retryable: false,
    });
  });

  it('429 → retryable EDOC_RATE_LIMITED with Retry-After; 5xx → retryable EDOC_SERVER_ERROR', async () => {
    await setFault('429', { retryAfterSeconds: 7 });
    await expect(channel.deliver(samplePacket())).rejects.toMatchObject({
      code: 'EDOC_RATE_LIMITED',
      retryable: true,
      details: { retryAfterMs: 7000 },
    });
    await setFault('5xx');
    await expect(channel.deliver(samplePacket())).rejects.toMatchObject({ code: 'EDOC_SERVER_ERROR', retryable: true });
  });

  it('reject-signature → 02 refused, non-retryable EDOC_REFUSED', async () => {
    await setFault('reject-signature');
    await expect(channel.deliver(samplePacket())).rejects.toMatchObject({ code: 'EDOC_REFUSED', retryable: false });
    const [held] = await received();
    expect(held!.statusCode).toBe('02');
  });

  it('a signature from an untrusted CA is refused (02) even though its certificate is embedded', async () => {
    const forged = channelWith({ signer: createEdxmlSigner(pki.untrusted) });
    const err = await forged.deliver(samplePacket()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EDOC_REFUSED', retryable: false });
    expect((err as { details: { description: string } }).details.description).toContain('EDXML_CERT_UNTRUSTED');
  });

  it('a simulator with no trusted certificate refuses every document (02), saying why', async () => {
    const blind = await startEdocSimulator(
      { port: 0, host: '127.0.0.1', env: {} },
      { settings: { systems: new Map([[SYSTEM.systemId, SYSTEM.secret]]), trustedCertificatesPem: [] } },
    );
    try {
      const err = await channelWith({ baseUrl: blind.url })
        .deliver(samplePacket())
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'EDOC_REFUSED',
        retryable: false,
        details: { description: expect.stringContaining('SIM_EDOC_TRUSTED_CERTS') },
      });
    } finally {
      await blind.close();
    }
  });

  it('a document whose signer is another organisation than its sender is refused (02)', async () => {
    const impostor = channelWith({ fromOrganId: '000.00.00.H49' });
    const err = await impostor.deliver(samplePacket()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EDOC_REFUSED', details: { description: expect.stringContaining('EDXML_SIGNER_MISMATCH') } });
  });

  it('with SIM_EDOC_PROGRESS_MS, documents progress to 06 without being polled', async () => {
    const timed = await startEdocSimulator(
      { port: 0, host: '127.0.0.1', env: { SIM_EDOC_PROGRESS_MS: '20' } },
      { settings: { systems: new Map([[SYSTEM.systemId, SYSTEM.secret]]), trustedCertificatesPem: [pki.caPem] } },
    );
    try {
      await channelWith({ baseUrl: timed.url }).deliver(samplePacket());
      const history = await eventually(async () => {
        const [doc] = (await axios.get<Held[]>(`${timed.url}/_sim/received`)).data;
        return doc?.statusCode === '06' ? doc.statuses.map((x) => x.statusCode) : undefined;
      }, 'status 06');
      expect(history).toEqual(['01', '03', '06']);
    } finally {
      await timed.close();
    }
  });

  it('a wrong HMAC secret → non-retryable EDOC_AUTH_REJECTED', async () => {
    await expect(channelWith({ secret: 'wrong' }).deliver(samplePacket())).rejects.toMatchObject({
      code: 'EDOC_AUTH_REJECTED',
      retryable: false,
    });
  });

  it('the simulator refuses XXE payloads with EDXML_UNSAFE and holds nothing', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&xxe;</edXML>`;
    const res = await axios.post(`${sim.url}/sendEdoc`, xxe, {
      headers: { 'content-type': 'application/xml', ...vxpAuthHeaders(SYSTEM.systemId, SYSTEM.secret, new Date()) },
      validateStatus: () => true,
    });
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ code: 'EDXML_UNSAFE' });
    expect(await received()).toHaveLength(0);
  });

  it('serves the receiver side: list, fetch, update status and agencies', async () => {
    const receipt = await channel.deliver(samplePacket());
    const headers = vxpAuthHeaders(SYSTEM.systemId, SYSTEM.secret, new Date());
    const list = await axios.get(`${sim.url}/getReceivedEdocList`, { params: { organId: '000.00.01.H29' }, headers });
    expect(list.data.data).toEqual([expect.objectContaining({ docId: receipt.remoteId, statusCode: '01' })]);
    const edoc = await axios.get<string>(`${sim.url}/getEdoc`, { params: { docId: receipt.remoteId }, headers, responseType: 'text' });
    expect((await parseEdxml(edoc.data)).documentId).toBe(receipt.remoteId);
    const agencies = await axios.get(`${sim.url}/getAgenciesList`, { headers });
    expect(agencies.data.data.map((a: { organId: string }) => a.organId)).toContain('000.00.00.H29');
    const status = buildEdxmlStatus({
      responseFor: { organId: '000.00.00.H29', documentId: receipt.remoteId },
      from: { organId: '000.00.01.H29' },
      statusCode: '04',
      description: 'Đã giao chuyên viên',
      timestamp: '2027/02/01 09:00:00',
    });
    const update = await axios.post(`${sim.url}/updateStatus`, status, { headers: { ...headers, 'content-type': 'application/xml' } });
    expect(update.data).toMatchObject({ status: 'OK', statusCode: '04' });
    const afterUpdate = (await axios.get(`${sim.url}/_sim/received`)).data[0].statuses.map((x: { statusCode: string }) => x.statusCode);
    expect(afterUpdate).toEqual(['01', '04']);
    // The next poll goes on from 04 to the next progression status (03, 06): 06, never back to 03.
    expect(await channel.status!(receipt.remoteId)).toMatchObject({ status: '06', acknowledged: true });
    const missing = await axios.get(`${sim.url}/getEdoc`, { params: { docId: 'nope' }, headers, validateStatus: () => true });
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ code: 'EDOC_DOCUMENT_NOT_FOUND' });
  });

  // Last on purpose: the simulator finishes the abandoned request after the delay, which must not
  // land in another test's inbox.
  it('an answer slower than the timeout → retryable EDOC_UNREACHABLE', async () => {
    await setFault('slow', { delayMs: 1500 });
    await expect(channelWith({ timeoutMs: 100 }).deliver(samplePacket())).rejects.toMatchObject({
      code: 'EDOC_UNREACHABLE',
      retryable: true,
    });
  });
});

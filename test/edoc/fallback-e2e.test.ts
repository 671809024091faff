import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edocChannelsFromEnv } from '../../src/channels/edoc/config.js';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import { DEFAULT_FALLBACK_POLICY } from '../../src/delivery/fallback-policy.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { simulatorNamed } from '../../src/sim/simulators.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { testEngine } from '../delivery/support/engine.js';
import { dispatchReports, eventually } from '../delivery/support/packets.js';

interface HeldEdoc {
  documentId: string;
  subject: string;
  signer: string | null;
  statusCode: string;
  attachments: { contentType: string; content: string }[];
}

/**
 * The check: with the national simulator down, a report reaches the e-document
 * simulator, through the real delivery engine, both real channels and both real simulators.
 */
describe('fallback to the e-document system when the national system is down', () => {
  let t: TestDatabase;
  let national: RunningSimulator;
  let edoc: RunningSimulator;
  let engine: DeliveryEngine;

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    national = await simulatorNamed('national')!.start({ port: 0, host: '127.0.0.1', env: {} });
    edoc = await simulatorNamed('edoc')!.start({ port: 0, host: '127.0.0.1', env: {} });
    await axios.put(`${national.url}/_sim/faults`, { mode: 'down' });
    const channels = edocChannelsFromEnv({}, { simulatorUrl: edoc.url })!;
    engine = testEngine(
      t.db,
      { national: createNationalChannel({ baseUrl: national.url, timeoutMs: 2000 }), edoc: channels.fallback },
      // Every report is "close to its deadline", so the first national failure sends it by fallback.
      { fallback: { ...DEFAULT_FALLBACK_POLICY, deadlineMarginHours: 1_000_000 } },
    );
  });
  afterAll(async () => {
    await engine?.stop();
    await Promise.all([national?.close(), edoc?.close()]);
    await t?.dispose();
  });

  it('delivers the signed report as edXML to the e-document simulator', async () => {
    const [packetId] = await dispatchReports(t.db, 1, 'FB');
    await engine.start();
    const held = await eventually(async () => {
      const docs = (await axios.get<HeldEdoc[]>(`${edoc.url}/_sim/received`)).data;
      return docs.length > 0 ? docs : undefined;
    }, 'a document at the e-document simulator');
    expect(held).toHaveLength(1);
    const [doc] = held;
    expect(doc!.statusCode).toBe('01');
    expect(doc!.subject).toContain('gửi thay thế do sự cố hệ thống báo cáo quốc gia');
    expect(doc!.signer).toContain('000.00.00.H29');
    expect(JSON.parse(doc!.attachments[0]!.content)).toMatchObject({ submissionId: 'FB0' });
    expect((await axios.get<unknown[]>(`${national.url}/_sim/received`)).data).toHaveLength(0);
    const view = await eventually(async () => {
      const v = await engine.services.packet(packetId!);
      return v?.history.some((h) => h.channel === 'edoc' && h.outcome === 'ok') ? v : undefined;
    }, 'an ok attempt on the edoc channel');
    expect(view.history[0]).toMatchObject({ channel: 'national', errorCode: 'NATIONAL_UNREACHABLE' });
    expect(view.remoteId).toBe(doc!.documentId);
  });
});

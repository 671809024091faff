import { edocChannelsFromEnv } from '../../src/channels/edoc/config.js';
import { createMinistryChannel } from '../../src/channels/ministry/channel.js';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { OutboundPacket } from '../../src/delivery/channel.js';
import { edocSimulator } from '../../src/sim/edoc/edoc-simulator.js';
import type { FaultMode } from '../../src/sim/faults.js';
import { ministrySimulator } from '../../src/sim/ministry/index.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { channelConformance, type ChannelUnderTest } from '../support/channel-conformance.js';
import { samplePacket } from '../edoc/support/fixtures.js';
import { builderFor, monthlyReport } from '../exchange/support/reports.js';

const setFault =
  (sim: RunningSimulator) =>
  async (mode: FaultMode, extra: Record<string, number> = {}) => {
    const res = await fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode, remaining: 0, ...extra }),
    });
    if (!res.ok) throw new Error(`fault ${mode} not set: ${res.status}`);
  };
const count = async (url: string, pick: (body: unknown) => unknown[] = (b) => b as unknown[]) =>
  pick(await (await fetch(url)).json()).length;

channelConformance('national', async (): Promise<ChannelUnderTest> => {
  const sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  const channel = (o: { timeoutMs: number }) => createNationalChannel({ baseUrl: sim.url, timeoutMs: o.timeoutMs });
  return {
    receiptChannel: 'national',
    channel,
    packet: async (n) => (await builderFor().build(monthlyReport({ submissionId: `sub-conformance-${n}` })))[0]!,
    fault: setFault(sim),
    stored: () => count(`${sim.url}/_sim/received`),
    permanentRefusal: async () => (await setFault(sim)('reject-signature'), channel({ timeoutMs: 5000 })),
    close: () => sim.close(),
  };
});

channelConformance('edoc', async (): Promise<ChannelUnderTest> => {
  const sim = await edocSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  // Built as the composition root builds it: the e-document settings' defaults, the simulator's URL.
  const channel = (o: { timeoutMs: number }) =>
    edocChannelsFromEnv({ EDOC_TIMEOUT_MS: String(o.timeoutMs) }, { simulatorUrl: sim.url })!.fallback;
  return {
    receiptChannel: 'edoc',
    channel,
    packet: async (n) => samplePacket({ packetId: `pkt-conformance-${n}`, idempotencyKey: `sub-conformance-${n}:report-data:v1` }),
    fault: setFault(sim),
    stored: () => count(`${sim.url}/_sim/received`),
    permanentRefusal: async () => (await setFault(sim)('reject-signature'), channel({ timeoutMs: 5000 })),
    close: () => sim.close(),
  };
});

channelConformance('ministry', async (): Promise<ChannelUnderTest> => {
  const token = 'conformance-token';
  const sim = await ministrySimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_MINISTRY_TOKEN: token } });
  const channelWith = (secret: string, timeoutMs: number) =>
    createMinistryChannel({ endpointOf: () => ({ url: sim.url, headers: { authorization: `Bearer ${secret}` } }), timeoutMs });
  const packet = (n: number): OutboundPacket => {
    const body = JSON.stringify({
      packetType: 'report-data',
      source: 'province',
      payload: { period: { kind: '6T', year: 2026 }, rows: [{ indicatorCode: 'CN.TRAU', column: 'TH', value: 78250 + n, unit: 'con' }] },
    });
    return {
      packetId: `MIN-conformance-${n}`,
      idempotencyKey: `bnnmt-push/2026-H1/${n}`,
      packetType: 'report-data',
      subject: { kind: 'ministry', id: `bnnmt-push/2026-H1`, version: n },
      body,
      signature: '',
      title: 'Số liệu đẩy sang BNNMT kỳ 2026-H1',
    };
  };
  return {
    receiptChannel: 'ministry',
    channel: (o) => channelWith(token, o.timeoutMs),
    packet: async (n) => packet(n),
    fault: setFault(sim),
    stored: () => count(`${sim.url}/_sim/received`, (b) => (b as { received: unknown[] }).received),
    // A secret the ministry does not know: no retry will make it accept.
    permanentRefusal: async () => channelWith('revoked-token', 5000),
    close: () => sim.close(),
  };
});

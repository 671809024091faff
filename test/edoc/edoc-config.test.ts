import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edocChannelsFromEnv, edocOptionsFromEnv } from '../../src/channels/edoc/config.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { simulatorNamed } from '../../src/sim/simulators.js';
import { samplePacket } from './support/fixtures.js';

let sim: RunningSimulator;

beforeAll(async () => {
  // The registered simulator with its documented defaults (trust = fixtures/pki/ca.crt.pem).
  sim = await simulatorNamed('edoc')!.start({ port: 0, host: '127.0.0.1', env: {} });
});
afterAll(() => sim.close());

describe('edoc configuration', () => {
  it('with no EDOC_* set, the gateway defaults reach the simulator defaults (fallback and archive copy)', async () => {
    const channels = edocChannelsFromEnv({}, { simulatorUrl: sim.url })!;
    const fallback = await channels.fallback.deliver(samplePacket());
    const archive = await channels.archive.deliver(samplePacket({ idempotencyKey: 'sub-42:archive' }));
    expect([fallback.status, archive.status]).toEqual(['01', '01']);
    const held = (await axios.get<{ documentId: string; subject: string; signer: string }[]>(`${sim.url}/_sim/received`)).data;
    expect(held.map((h) => h.documentId)).toEqual([fallback.remoteId, archive.remoteId]);
    expect(held[0]!.subject).toContain('gửi thay thế');
    expect(held[1]!.subject).toContain('bản lưu');
  });

  it('is off without EDOC_URL or a simulator, and EDOC_URL wins over the simulator', () => {
    expect(edocOptionsFromEnv({})).toBeNull();
    expect(edocOptionsFromEnv({ EDOC_URL: 'https://vb.laichau.gov.vn/vxp/' }, sim.url)!.baseUrl).toBe('https://vb.laichau.gov.vn/vxp');
  });

  it('refuses bad settings with CONFIG_INVALID naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ EDOC_URL: 'ftp://x' }, 'EDOC_URL'],
      [{ EDOC_FROM_ORGAN: 'h29 lai chau' }, 'EDOC_FROM_ORGAN'],
      [{ EDOC_NOTATION: 'BC,LT' }, 'EDOC_NOTATION'],
      [{ EDOC_TIMEOUT_MS: '-5' }, 'EDOC_TIMEOUT_MS'],
      [{ EDOC_SIGNING_CERT: '/nonexistent.pem' }, 'EDOC_SIGNING_CERT'],
      [{ EDOC_SIGNING_KEY: new URL('../../fixtures/pki/untrusted.key.pem', import.meta.url).pathname }, 'EDOC_SIGNING_KEY'],
    ];
    for (const [env, name] of cases) {
      expect(() => edocOptionsFromEnv(env, sim.url), name).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', details: { name } }));
    }
  });
});

import { DEMO_PASSWORD } from '../support/demo.js';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ApprovedReport } from '../../src/core/approved-report.js';
import { coreModule } from '../../src/core/module.js';
import { clerkSignatureCheck } from '../../src/core/submissions/signer.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { driveReport } from '../../src/demo/report-driver.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { metricsRegistry } from '../../src/observability/registry.js';
import type { GatewayModule, NoServices } from '../../src/gateway/module.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import type { RunningSimulator, SimulatorsServices } from '../../src/sim/simulator.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { fakeAuthModule } from '../support/fake-auth.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { connectorsModule } from '../../src/app/adapters/connectors-module.js';

let t: TestDatabase;
let gw: Gateway;
let sim: RunningSimulator;
let base: string;
const dispatched: ApprovedReport[] = [];

/** Stands in for the simulators module with only the national simulator. */
const nationalOnly: GatewayModule<NoServices, { simulators: SimulatorsServices }> = {
  name: 'simulators',
  requires: {},
  provides: { simulators: true },
  async init() {
    return { services: { simulators: { national: sim } } };
  },
};

/** What exchangeModule.init requires, from the test gateway (which started them). */
function exchangeRequires() {
  const { core, simulators, submissions, mappings } = gw.ctx.services;
  if (!core || !simulators || !submissions || !mappings) throw new Error('the test gateway lacks a service exchange requires');
  return { core, simulators, submissions, mappings };
}

beforeAll(async () => {
  t = await openPostgresTestDatabase();
  sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  const auth = fakeAuthModule({
    ops: { kind: 'user', id: 'ops', displayName: 'Vận hành', roles: ['ops'], orgUnitId: 'lai-chau' },
    entry: { kind: 'user', id: 'e', displayName: 'Nhập liệu', roles: ['data_entry'], orgUnitId: 'lai-chau' },
  });
  gw = await createGateway({
    config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD }),
    db: t.db,
    now: () => new Date('2027-01-16T04:00:00Z'),
    modules: [
      nationalOnly,
      auth,
      scanningModule,
      coreModule,
      submissionsModule,
      mappingsModule,
      connectorsModule,
      exchangeModule,
      channelsModule,
    ],
  });
  gw.ctx.services.submissions!.onDispatched(async (_tx, report: ApprovedReport) => void dispatched.push(report));
  base = `http://127.0.0.1:${((await gw.listen(0)).address() as AddressInfo).port}`;
});
afterAll(async () => {
  await gw?.close();
  await sim?.close();
  await t?.dispose();
});

describe('exchange module in the gateway', () => {
  it('signs approvals with the leader certificate and the dispatched report builds into a packet the national simulator accepts', async () => {
    const { core, submissions, exchange, channels } = gw.ctx.services;
    const assignments = await core!.assignments.list({});
    let seq = 0;
    let sentId: string | undefined;
    for (const a of assignments) {
      if (dispatched.length > 0) break;
      const out = await driveReport(core!, submissions!, a, () => (seq = (seq * 9301 + 49297) % 233280) / 233280);
      // A commune's report goes to the province, whose consolidated report is the national one.
      if ('submissionId' in out && out.national?.state === 'sent') sentId = out.national.submissionId;
    }
    expect(dispatched.length).toBeGreaterThan(0);
    const report = dispatched[0]!;
    // The clerk's check accepted the leader's certificate signature made at approval.
    expect(sentId).toBe(report.submissionId);
    const view = await submissions!.service.get(
      { kind: 'user', id: 'adm', displayName: 'Quản trị', roles: ['admin'], orgUnitId: 'lai-chau' },
      sentId!,
    );
    // The province's consolidated report, signed by its leader's personal certificate.
    expect(view.submission.signer).toContain('UBND tỉnh Lai Châu');
    const signed = await exchange!.reportSigner.sign(report);
    // The exchange signer signs with the approving leader's personal certificate (the province's leader here).
    expect(signed.signer).toContain('CN=Nguyễn Văn An');
    expect(signed.signer).toContain('UBND tỉnh Lai Châu');
    expect(await clerkSignatureCheck(exchange!.reportSigner, report, signed.signature, signed.signer)).toBeNull();
    expect(await exchange!.reportSigner.verify({ ...report, approvedBy: 'someone' }, signed.signature)).toBe(false);

    const packets = await exchange!.buildPackets(report);
    expect(packets).toHaveLength(1);
    // The national channel the composition root built, to the simulator (no NATIONAL_URL here).
    const receipt = await channels!.national!.deliver(packets[0]!);
    expect(receipt.acknowledged).toBe(true);
    expect((await exchange!.verifyPacket(packets[0]!.body, packets[0]!.signature)).ok).toBe(true);
    const metrics = await metricsRegistry.getMetricsAsJSON();
    const built = metrics.find((m) => m.name === 'lienthong_exchange_packets_built_total')!.values;
    expect(built.find((v) => v.labels.type === 'report-data')!.value).toBeGreaterThanOrEqual(1);
    await expect(exchange!.buildPackets({ ...report, classification: 'secret' })).rejects.toMatchObject({ code: 'REPORT_STATE_SECRET' });
    const failures = (await metricsRegistry.getMetricsAsJSON()).find(
      (m) => m.name === 'lienthong_exchange_packet_build_failures_total',
    )!.values;
    expect(failures.find((v) => v.labels.code === 'REPORT_STATE_SECRET')!.value).toBe(1);
  });

  it('serves the mapping check against the live catalog and packet verification, for ops only', async () => {
    const check = await axios.get(`${base}/api/v1/exchange/mappings/check`, { headers: { 'x-test-user': 'ops' } });
    expect(check.data.ok).toBe(true);
    expect(check.data.reports[0].excluded.map((e: { code: string }) => e.code)).toEqual(['LC0101', 'LC0102']);
    const denied = await axios.get(`${base}/api/v1/exchange/mappings/check`, {
      headers: { 'x-test-user': 'entry' },
      validateStatus: () => true,
    });
    expect(denied.status).toBe(403);
    const bad = await axios.post(
      `${base}/api/v1/exchange/packets/verify`,
      { body: '{}' },
      { headers: { 'x-test-user': 'ops' }, validateStatus: () => true },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.code).toBe('REQUEST_INVALID');
    const v = await axios.post(
      `${base}/api/v1/exchange/packets/verify`,
      { body: '{"x":1}', signature: 'a..b' },
      { headers: { 'x-test-user': 'ops' } },
    );
    expect(v.data.ok).toBe(false);
    expect(v.data.checks[0]).toMatchObject({ check: 'schema', ok: false });
  });

  it('refuses to start with a signing certificate the receiver would refuse', async () => {
    const ctx = {
      ...gw.ctx,
      services: exchangeRequires(),
      config: loadConfig({ SIGNING_CERT: 'fixtures/pki/expired.crt.pem', SIGNING_KEY: 'fixtures/pki/expired.key.pem' }),
    };
    await expect(exchangeModule.init(ctx)).rejects.toMatchObject({
      code: 'SIGNING_CERTIFICATE_UNUSABLE',
      details: expect.objectContaining({ failed: ['validity'] }),
    });
    const wrongPassword = { ...ctx, config: loadConfig({ SIGNING_P12: 'fixtures/pki/org.p12', SIGNING_P12_PASSWORD: 'nope' }) };
    await expect(exchangeModule.init(wrongPassword)).rejects.toMatchObject({ code: 'SIGNING_P12_INVALID' });
    const mismatch = {
      ...ctx,
      config: loadConfig({ SIGNING_CERT: 'fixtures/pki/org.crt.pem', SIGNING_KEY: 'fixtures/pki/leader.key.pem' }),
    };
    await expect(exchangeModule.init(mismatch)).rejects.toMatchObject({ code: 'SIGNING_KEY_MISMATCH' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { catalogSyncModule, KPI_PUSH_JOB } from '../../src/exchange/catalog/module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import type { GatewayModule, NoServices } from '../../src/gateway/module.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator, SimulatorsServices } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { eventually } from '../delivery/support/packets.js';
import { kpiPush, startMinistryApi, type MinistryApi } from '../ministry/support/setup.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';

/**
 * KPI data that is not a form: what the agriculture ministry's system pushed through the
 * ministry API (BNNMT codes and units) becomes the province's observations in national codes,
 * one signed kpi-data packet the national simulator checks with its own code and accepts;
 * unchanged data sends nothing, changed data goes as the next version.
 */
describe('kpi-data from ministry imports, end to end', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let api: MinistryApi;
  const nationalOnly: GatewayModule<NoServices, { simulators: SimulatorsServices }> = {
    name: 'simulators',
    requires: {},
    provides: { simulators: true },
    async init() {
      return { services: { simulators: { national: sim } } };
    },
  };
  type Held = { packetType: string; status: string; packetId: string };
  const held = async () => ((await (await fetch(`${sim.url}/_sim/received`)).json()) as Held[]).filter((h) => h.packetType === 'kpi-data');
  const kpiPackets = async () =>
    (
      await t.db.query<{ body: string; subject_version: number; subject_kind: string; state: string }>(
        "SELECT body, subject_version, subject_kind, state FROM delivery_packets WHERE packet_type = 'kpi-data' ORDER BY subject_version",
      )
    ).rows;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    api = await startMinistryApi(t, { CATALOG_PUSH_INTERVAL_MS: '3600000' }, new Date('2026-07-20T03:00:00Z'), [
      nationalOnly,
      submissionsModule,
      exchangeModule,
      channelsModule,
      queuesModule,
      deliveryModule,
      catalogSyncModule,
    ]);
    await api.gw.start();
  }, 120_000);
  afterAll(async () => {
    await api?.gw.close();
    await sim?.close();
    await t?.dispose();
  });

  it('a ministry push becomes one kpi-data packet in national codes, accepted; unchanged sends nothing; changed is version 2', async () => {
    const pushed = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data',
      kpiPush([
        { indicatorCode: 'NN.LUA.DT', value: 31250, unit: 'ha' },
        { indicatorCode: 'CN.TRAU', value: 78250, unit: 'con' },
        // A commune's figure: the province's KPI set carries the province's own.
        { indicatorCode: 'CN.TRAU', value: 1850, unit: 'con', orgCode: '000.03.31.H29' },
      ]),
    );
    expect(pushed.status).toBeLessThan(300);
    const push = api.gw.ctx.services.nationalPush!;
    const first = await push.pushKpi('BNNMT', '2026-H1');
    expect(first).toMatchObject({ source: 'BNNMT', periodKey: '2026-H1', version: 1, observations: 2 });
    expect(first.queued).toHaveLength(1);
    await eventually(async () => (await held()).some((h) => h.status === 'accepted'), 'kpi-data accepted');
    const [packet] = await kpiPackets();
    expect(packet).toMatchObject({ subject_kind: 'kpi', subject_version: 1 });
    const payload = JSON.parse(packet!.body).payload;
    expect(payload.period).toMatchObject({ kind: '6THANG', year: 2026, key: '2026-H1' });
    expect(payload.reportingOrg.orgCode).toBe('000.00.00.H29');
    expect(payload.observations).toEqual([
      { indicatorCode: '293.03.01', value: 31250, unit: 'ha' },
      { indicatorCode: '293.03.03', value: 78250, unit: 'con' },
    ]);

    // The scheduled check finds nothing new.
    await api.gw.ctx.services.scheduler!.runNow(KPI_PUSH_JOB);
    expect(await push.pushKpi('BNNMT', '2026-H1')).toMatchObject({ version: 1, queued: [] });
    expect(await kpiPackets()).toHaveLength(1);

    await api.call('bnnmt', 'POST', '/ministry/data', kpiPush([{ indicatorCode: 'CN.TRAU', value: 79100, unit: 'con' }]));
    const second = await push.pushKpi('BNNMT', '2026-H1');
    expect(second).toMatchObject({ version: 2 });
    expect(second.queued).toHaveLength(1);
    await eventually(async () => (await held()).filter((h) => h.status === 'accepted').length === 2, 'version 2 accepted');
    const v2 = JSON.parse((await kpiPackets())[1]!.body).payload;
    expect(v2.observations).toContainEqual({ indicatorCode: '293.03.03', value: 79100, unit: 'con' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { coreModule } from '../../src/core/module.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { CATALOG_FEED_JOB, CATALOG_PUSH_JOB, catalogSyncModule } from '../../src/exchange/catalog/module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import type { GatewayModule } from '../../src/gateway/module.js';
import { schedulerModule } from '../../src/app/adapters/scheduler-module.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import type { SimulatorsServices } from '../../src/sim/simulator.js';
import type { NoServices } from '../../src/gateway/module.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { connectorsModule } from '../../src/app/adapters/connectors-module.js';

/**
 * The catalog check is a job of the gateway's scheduler (one run per slot across instances with
 * BullMQ: test/scheduling/three-instances.test.ts proves the scheduler); here: the job is
 * registered, a run of it pushes what changed and nothing else.
 */
describe('catalog push on the gateway scheduler', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let gw: Gateway;
  const nationalOnly: GatewayModule<NoServices, { simulators: SimulatorsServices }> = {
    name: 'simulators',
    requires: {},
    provides: { simulators: true },
    async init() {
      return { services: { simulators: { national: sim } } };
    },
  };
  const catalogPackets = async () =>
    (
      await t.db.query<{ packet_type: string; subject_version: number }>(
        "SELECT packet_type, subject_version FROM delivery_packets WHERE subject_kind = 'catalog' ORDER BY packet_type, subject_version",
      )
    ).rows;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD, CATALOG_PUSH_INTERVAL_MS: '3600000' }),
      db: t.db,
      now: () => new Date('2027-01-16T04:00:00Z'),
      modules: [
        schedulerModule,
        nationalOnly,
        scanningModule,
        coreModule,
        submissionsModule,
        mappingsModule,
        connectorsModule,
        exchangeModule,
        channelsModule,
        queuesModule,
        deliveryModule,
        catalogSyncModule,
      ],
    });
    await gw.start();
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await sim?.close();
    await t?.dispose();
  });

  it('registers the push and the feed with the scheduler; a run pushes only the changed catalog, a second run nothing', async () => {
    const scheduler = gw.ctx.services.scheduler!;
    expect(scheduler.list()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: CATALOG_PUSH_JOB, everyMs: 3_600_000 }),
        expect.objectContaining({ id: CATALOG_FEED_JOB, everyMs: 3_600_000 }),
      ]),
    );
    // The start-up push: every catalog at version 1.
    const first = await catalogPackets();
    expect(first.length).toBe(8);
    expect(first.every((p) => p.subject_version === 1)).toBe(true);

    await gw.ctx.services.core!.regimes.create({
      code: 'DTC-QUY',
      name: 'Báo cáo tình hình giải ngân vốn đầu tư công hằng quý',
      type: 'periodic',
      periodKinds: ['quarter'],
      deadlineRule: { workingDaysAfterCutoff: 5 },
      assignees: { kinds: ['province'] },
      national: true,
    });
    await scheduler.runNow(CATALOG_PUSH_JOB);
    const second = await catalogPackets();
    expect(second.filter((p) => p.subject_version === 2)).toEqual([{ packet_type: 'report-regime', subject_version: 2 }]);
    await scheduler.runNow(CATALOG_PUSH_JOB);
    expect(await catalogPackets()).toEqual(second);
  });
});

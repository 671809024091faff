import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { consoleModule } from '../../../src/console/module.js';
import { createCoreServices, type CoreServices } from '../../../src/core/core-services.js';
import { seedDemo } from '../../../src/core/seed/seed-demo.js';
import { createSubmissionsModule } from '../../../src/core/submissions/module.js';
import { createGateway, type Gateway } from '../../../src/app/gateway.js';
import type { GatewayModule, NoServices } from '../../../src/gateway/module.js';
import { scanningModule } from '../../../src/app/adapters/scanning-module.js';
import type { Principal } from '../../../src/http/principal.js';
import { fakeAuthModule } from '../../support/fake-auth.js';
import { openPgliteTestDatabase, type TestDatabase } from '../../support/databases.js';
import { TestSigner } from '../../submissions/support/setup.js';
import { MemoryDelivery } from './memory-delivery.js';
import { deliveryStub } from './modules.js';

/** 20 Jan 2027, 10:00 in Hanoi: inside monthly period 2027-M02, after 2027-M01's deadline. */
export const CONSOLE_NOW = new Date('2027-01-20T03:00:00Z');

export const PRINCIPALS: Record<string, Principal> = {
  ops: { kind: 'user', id: 'ops-1', displayName: 'Trần Vận Hành', roles: ['ops'], orgUnitId: 'lc-vp-ubnd' },
  leader: { kind: 'user', id: 'leader-1', displayName: 'Lê Lãnh Đạo', roles: ['leader'], orgUnitId: 'lc-so-tai-chinh' },
  entry: { kind: 'user', id: 'entry-1', displayName: 'Nguyễn Nhập Liệu', roles: ['data_entry'], orgUnitId: 'lc-so-tai-chinh' },
};

function coreTestModule(): GatewayModule<NoServices, { core: CoreServices }> {
  return {
    name: 'core',
    requires: {},
    provides: { core: true },
    async init(ctx) {
      const core = createCoreServices(ctx.db, ctx.now);
      await seedDemo(core);
      return { services: { core } };
    },
  };
}

export interface ConsoleHarness {
  t: TestDatabase;
  gw: Gateway;
  base: string;
  delivery: MemoryDelivery;
  core: CoreServices;
  close(): Promise<void>;
}

/**
 * A gateway with the real catalog, workflow and console on PGlite, the in-memory delivery
 * engine and header-based test auth (`x-test-user: ops|leader|entry`). The browser test uses
 * the real gateway instead (support/real-gateway.ts).
 */
export async function startConsoleGateway(): Promise<ConsoleHarness> {
  const t = await openPgliteTestDatabase();
  const delivery = new MemoryDelivery();
  const gw = await createGateway({
    config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'false', NODE_ENV: 'test' }),
    db: t.db,
    now: () => CONSOLE_NOW,
    modules: [
      fakeAuthModule(PRINCIPALS),
      coreTestModule(),
      scanningModule,
      createSubmissionsModule({ signer: new TestSigner() }),
      deliveryStub(delivery),
      consoleModule,
    ],
  });
  const server = await gw.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    gw,
    base,
    delivery,
    core: gw.ctx.services.core as CoreServices,
    async close() {
      await gw.close();
      await t.dispose();
    },
  };
}

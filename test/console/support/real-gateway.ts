import { DEMO_PASSWORD } from '../../support/demo.js';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import type { CoreServices } from '../../../src/core/core-services.js';
import type { SubmissionsServices } from '../../../src/core/submissions/module.js';
import type { DeliveryServices, PacketState, PacketView } from '../../../src/delivery/services.js';
import { createGateway, type Gateway } from '../../../src/app/gateway.js';
import { modules } from '../../../src/app/modules.js';
import type { RunningSimulator } from '../../../src/sim/simulator.js';
import { openPgliteTestDatabase, type TestDatabase } from '../../support/databases.js';

export interface RealHarness {
  gw: Gateway;
  base: string;
  t: TestDatabase;
  core: CoreServices;
  submissions: SubmissionsServices;
  delivery: DeliveryServices;
  national: RunningSimulator;
  /** Waits (polling, no timing assertion) until every listed packet is in one of the states. */
  waitForStates(ids: string[], states: PacketState[]): Promise<PacketView[]>;
  close(): Promise<void>;
}

/**
 * The whole gateway as `npm start` builds it (every module but the demo traffic, unless `demo`), on an
 * in-memory PGlite, the in-process queue and the in-process simulators, with the demo seed;
 * `now` injects the gateway's clock (the simulators keep theirs).
 */
export async function startRealGateway(
  extraEnv: Record<string, string> = {},
  opts: { demo?: boolean; now?: () => Date } = {},
): Promise<RealHarness> {
  const t = await openPgliteTestDatabase();
  const config = loadConfig({
    PORT: '0',
    START_SIMULATORS: 'true',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    NODE_ENV: 'test',
    DEMO_TRAFFIC: 'false',
    RETRY_BASE_MS: '50',
    ...extraEnv,
  });
  const gw = await createGateway({
    config,
    db: t.db,
    modules: opts.demo ? modules : modules.filter((m) => m.name !== 'demo'),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await gw.start();
  const server = await gw.listen(0, '127.0.0.1');
  const delivery = gw.ctx.services.delivery as DeliveryServices;
  const national = gw.ctx.services.simulators?.national;
  if (!national) throw new Error('national simulator not started');
  // The catalogs pushed at start are delivered before a test switches the simulator's faults.
  while ((await delivery.listPackets({})).some((p) => p.state !== 'acknowledged')) await new Promise((r) => setTimeout(r, 100));
  return {
    gw,
    t,
    delivery,
    national,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    core: gw.ctx.services.core as CoreServices,
    submissions: gw.ctx.services.submissions as SubmissionsServices,
    async waitForStates(ids, states) {
      for (;;) {
        const packets = await Promise.all(ids.map((id) => delivery.packet(id)));
        if (packets.every((p) => p && states.includes(p.state))) return packets as PacketView[];
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await gw.close();
      await t.dispose();
    },
  };
}

import { DEMO_PASSWORD } from '../../support/demo.js';
import net from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { createCoreServices, type CoreServices } from '../../../src/core/core-services.js';
import { seedDemo } from '../../../src/core/seed/seed-demo.js';
import { createSubmissionsModule } from '../../../src/core/submissions/module.js';
import type { AnyModule, GatewayModule, NoServices } from '../../../src/gateway/module.js';
import { scanningModule } from '../../../src/app/adapters/scanning-module.js';
import { createGateway, type Gateway } from '../../../src/app/gateway.js';
import { identityModule } from '../../../src/identity/module.js';
import type { IdentityServices } from '../../../src/identity/services.js';
import { vnconnectSimulator, type RunningVnconnect } from '../../../src/sim/vnconnect/simulator.js';
import { openPgliteTestDatabase, openPostgresTestDatabase, type TestDatabase } from '../../support/databases.js';

/** The core catalog as `core` with the demo province seeded (what coreModule does, without its routes). */
export const seededCoreModule: GatewayModule<NoServices, { core: CoreServices }> = {
  name: 'core',
  requires: {},
  provides: { core: true },
  async init(ctx) {
    const core = createCoreServices(ctx.db, ctx.now);
    await seedDemo(core);
    return { services: { core } };
  },
};

export interface IdentityHarness {
  gw: Gateway;
  base: string;
  sim: RunningVnconnect;
  identity: IdentityServices;
  t: TestDatabase;
  close(): Promise<void>;
}

/** A free port, so PUBLIC_URL (the OIDC redirect URI) is known before the gateway listens. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Gateway with the real core, identity and submissions modules, and a VNConnect simulator, on ephemeral ports. */
export async function startIdentityHarness(
  options: {
    pglite?: boolean;
    env?: Record<string, string>;
    now?: () => Date;
    extraModules?: AnyModule[];
    simEnv?: Record<string, string>;
  } = {},
): Promise<IdentityHarness> {
  // Real PostgreSQL by default (own schema per suite); one suite runs on PGlite so both backends are covered.
  const t = options.pglite ? await openPgliteTestDatabase() : await openPostgresTestDatabase();
  const sim = (await vnconnectSimulator.start({ port: 0, host: '127.0.0.1', env: options.simEnv ?? {} })) as RunningVnconnect;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: base,
    START_SIMULATORS: 'false',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    // Suites log in many times from 127.0.0.1; test/safety/throttle.test.ts sets the real limits.
    RATE_LIMIT_LOGIN_PER_IP: '0',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '0',
    OIDC_ISSUER: sim.url,
    OIDC_JWKS_COOLDOWN_MS: '0',
    ...options.env,
  });
  const gw = await createGateway({
    config,
    db: t.db,
    now: options.now,
    modules: [seededCoreModule, identityModule, scanningModule, createSubmissionsModule(), ...(options.extraModules ?? [])],
  });
  const server: Server = await gw.listen(port, '127.0.0.1');
  return {
    gw,
    base,
    sim,
    t,
    identity: gw.ctx.services.identity as IdentityServices,
    async close() {
      server.closeAllConnections();
      await gw.close();
      await sim.close();
      await t.dispose();
    },
  };
}

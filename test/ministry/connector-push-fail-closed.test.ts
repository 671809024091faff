import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { ministryApp } from '../../src/app/partial-apps.js';
import { loadConfig } from '../../src/config.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import type { OutboundPacket } from '../../src/delivery/channel.js';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { ministrySimulator } from '../../src/sim/ministry/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { eventually } from '../delivery/support/packets.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { seedApprovedValues } from './support/approved-values.js';
import { startMinistryApi, type MinistryApi } from './support/setup.js';

const TOKEN = 'bnnmt-test-secret';
const NOW = new Date('2026-07-20T03:00:00Z');
/** Time-stamping failed two hours before NOW; the limit is one hour: the message log is closed. */
const FAILING_SINCE = new Date('2026-07-20T01:00:00Z');
const env = (url: string) => ({ BNNMT_URL: url, BNNMT_TOKEN: TOKEN, MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: '3600000' });

const failStamping = (t: TestDatabase) =>
  t.db.query(`UPDATE delivery_timestamp_state SET failing_since = $1, last_error = 'TSA unreachable' WHERE id = 1`, [FAILING_SINCE]);
const recoverStamping = (t: TestDatabase) =>
  t.db.query('UPDATE delivery_timestamp_state SET failing_since = NULL, last_error = NULL WHERE id = 1');
const ministryPackets = async (t: TestDatabase) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_packets WHERE subject_kind = 'ministry'`)).rows[0]!.n;

/** A catalog packet for the national system: what the catalog feed hands to outbound.send. */
const nationalPacket: OutboundPacket = {
  packetId: 'CAT-units-v9',
  idempotencyKey: 'CAT-units-v9',
  packetType: 'catalog',
  subject: { kind: 'catalog', id: 'units', version: 9 },
  body: '{"units":[]}',
  signature: 'eyJhbGciOiJFUzI1NiJ9..sig',
  title: 'Danh mục đơn vị',
};

describe('a ministry push goes through outbound.send: held by the time-stamp fail-closed policy like a national packet', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await ministrySimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_MINISTRY_TOKEN: TOKEN } });
    api = await startMinistryApi(t, { ...env(sim.url), RELAY_POLL_MS: '20' }, NOW, [
      submissionsModule,
      exchangeModule,
      channelsModule,
      queuesModule,
      deliveryModule,
    ]);
    await api.gw.start();
    await seedApprovedValues(t);
  });
  afterAll(async () => {
    await api?.gw.close();
    await sim?.close();
    await t?.dispose();
  });

  it('refuses the push with MESSAGE_LOG_TIMESTAMP_FAILING and queues nothing, as it refuses a national packet', async () => {
    await failStamping(t);
    const run = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-push/run?period=2026-H1');
    expect(run.status).toBe(502);
    expect(run.body).toMatchObject({
      status: 'failed',
      error: { code: 'MESSAGE_LOG_TIMESTAMP_FAILING', details: { failingSince: FAILING_SINCE.toISOString(), limitMs: 3_600_000 } },
    });
    expect(await ministryPackets(t)).toBe(0);
    const outbound = api.gw.ctx.services.outbound!;
    const national = t.db.transaction((tx) => outbound.send(tx, [nationalPacket]));
    await expect(national).rejects.toMatchObject({
      code: 'MESSAGE_LOG_TIMESTAMP_FAILING',
      details: { failingSince: FAILING_SINCE.toISOString(), limitMs: 3_600_000 },
    });
    const runError = (run.body.error as { message: string }).message;
    expect(runError).toBe(((await national.catch((e: Error) => e)) as Error).message);
  });

  it('queues and delivers the same push once time-stamping works again', async () => {
    await recoverStamping(t);
    const run = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-push/run?period=2026-H1');
    expect(run.body).toMatchObject({ status: 'succeeded', summary: { sent: 3 } });
    const { packetId, queued } = (run.body as { summary: { packetId: string; queued: string[] } }).summary;
    expect(queued).toEqual([packetId]);
    const view = await eventually(async () => {
      const p = await api.gw.ctx.services.delivery!.packet(packetId);
      return p?.state === 'acknowledged' && p;
    }, `packet ${packetId} delivered`);
    expect(view).toMatchObject({ channel: 'ministry', subjectKind: 'ministry' });
  });
});

describe("without the delivery engine (the CLI's ministry gateway): a push run takes the same outbound.send", () => {
  let t: TestDatabase;
  let gw: Awaited<ReturnType<typeof ministryApp>>;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    // No ministry system is called: without the engine the packet is only queued.
    const config = loadConfig({ ...env('http://127.0.0.1:9'), PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD });
    gw = await ministryApp({ config, db: t.db });
    await seedApprovedValues(t);
  });
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
  });

  it('is refused while time-stamping fails past the limit, queued once it works', async () => {
    const { connectors } = gw.ctx.services.ministry;
    await failStamping(t);
    const refused = await connectors.run('bnnmt-push', 'manual', 'cli:test', '2026-H1');
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'MESSAGE_LOG_TIMESTAMP_FAILING' } });
    expect(await ministryPackets(t)).toBe(0);
    await recoverStamping(t);
    const queued = await connectors.run('bnnmt-push', 'manual', 'cli:test', '2026-H1');
    expect(queued).toMatchObject({ status: 'succeeded', summary: { sent: 3, queued: [expect.stringMatching(/^MIN-bnnmt-push-/)] } });
    expect(await ministryPackets(t)).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import type { DeliveryServices, PacketView } from '../../src/delivery/services.js';
import { PACKET_TYPES } from '../../src/exchange/packets/types.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';

/** The demo's clock: it starts on a day the ministry simulator holds figures for (2026-H1), then runs. */
const START = Date.parse('2026-07-20T03:00:00Z');

/**
 * The demo as `npm start` runs it on a bare machine (PGlite, in-process queue and simulators,
 * demo traffic and showcase, no incident): the console's read service ends up listing packets
 * of every one of the 13 QCVN 125 types, each acknowledged by the national simulator's ordinary
 * answers: catalogs at start, report data, a list-type report, a narrative report and its
 * correction (report-status DINH_CHINH), acceptance acknowledgements, KPI data from a ministry.
 */
describe('demo: all 13 packet types reach the national system', { timeout: 600_000 }, () => {
  let t: TestDatabase;
  let gw: Gateway;
  let delivery: DeliveryServices;
  const t0 = Date.now();

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    const config = loadConfig({
      PORT: '0',
      START_SIMULATORS: 'true',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      NODE_ENV: 'test',
      DEMO_TRAFFIC: 'true',
      DEMO_INITIAL_REPORTS: '1',
      DEMO_LATE_REPORTS: '0',
      DEMO_INTERVAL_MS: '0',
      DEMO_INCIDENT_AFTER_MS: '0',
      RETRY_BASE_MS: '50',
    });
    gw = await createGateway({ config, db: t.db, modules, now: () => new Date(START + (Date.now() - t0)) });
    await gw.start();
    delivery = gw.ctx.services.delivery as DeliveryServices;
  }, 600_000);
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
  });

  const acknowledged = async (): Promise<PacketView[]> => delivery.listPackets({ state: 'acknowledged', limit: 1000 });
  const statuses = async () =>
    (
      await t.db.query<{ body: string }>("SELECT body FROM delivery_packets WHERE packet_type = 'report-status' AND state = 'acknowledged'")
    ).rows.map((r) => (JSON.parse(r.body) as { payload: { status: string; version: number } }).payload);

  it('lists acknowledged packets of all 13 types, the correction and the acceptance acknowledgements among them', async () => {
    for (;;) {
      const types = new Set((await acknowledged()).map((p) => p.packetType));
      const codes = new Set((await statuses()).map((s) => s.status));
      if (PACKET_TYPES.every((type) => types.has(type)) && codes.has('DINH_CHINH') && codes.has('DA_TIEP_NHAN')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const packets = await acknowledged();
    expect(new Set(packets.map((p) => p.packetType))).toEqual(new Set(PACKET_TYPES));
    // The narrative report went twice: the original and its correction (version 2), both accepted.
    const outlines = packets.filter((p) => p.packetType === 'outline-submission');
    expect(outlines.map((p) => p.subjectId)).toHaveLength(2);
    const kpi = packets.find((p) => p.packetType === 'kpi-data');
    expect(kpi).toMatchObject({ subjectKind: 'kpi', submissionId: null });
    expect((await statuses()).find((s) => s.status === 'DINH_CHINH')).toMatchObject({ version: 1 });
    expect(packets.every((p) => p.channel === 'national')).toBe(true);
  });
});

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import type { DeliveryServices, PacketView } from '../../src/delivery/services.js';
import { PACKET_TYPES } from '../../src/exchange/packets/types.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildFrontEnds, launchBrowser } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/demo.js';

/** The demo's clock: it starts on a day the ministry simulator holds figures for (2026-H1), then runs. */
const START = Date.parse('2026-07-20T03:00:00Z');
/** The console's picture for the docs with UPDATE_SCREENSHOTS=true (docs/console.md), else a scratch file. */
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOTS === 'true' ? 'docs/images/console-packets-all-types.png' : join(tmpdir(), 'console-packets-all-types.png');

/**
 * The demo as `npm start` runs it on a bare machine (PGlite, in-process queue and simulators,
 * demo traffic and showcase, no incident): the console's read service ends up listing packets
 * of every one of the 13 QCVN 125 types, each acknowledged by the national simulator's ordinary
 * answers: catalogs at start, report data, a list-type report, a narrative report and its
 * correction (report-status DINH_CHINH), acceptance acknowledgements, KPI data from a ministry.
 */
interface RunningDemo {
  t: TestDatabase;
  gw: Gateway;
  delivery: DeliveryServices;
  base: string;
}

/** The whole gateway with the demo module, as `npm start` builds it on a bare machine, on the demo's clock. */
async function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const t = await openPgliteTestDatabase();
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
    ...env,
  });
  const t0 = Date.now();
  const gw = await createGateway({ config, db: t.db, modules, now: () => new Date(START + (Date.now() - t0)) });
  await gw.start();
  const base = `http://127.0.0.1:${((await gw.listen(0, '127.0.0.1')).address() as AddressInfo).port}`;
  return { t, gw, delivery: gw.ctx.services.delivery as DeliveryServices, base };
}

describe('demo: all 13 packet types reach the national system named by NATIONAL_URL', { timeout: 600_000 }, () => {
  let t: TestDatabase;
  let gw: Gateway;
  let delivery: DeliveryServices;
  let base: string;
  let browser: Browser | undefined;
  /** Stands for a real endpoint: its own server, not the gateway's in-process simulator, answering with its defaults. */
  let remote: RunningSimulator;

  beforeAll(async () => {
    remote = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    ({ t, gw, delivery, base } = await startDemo({ NATIONAL_URL: remote.url }));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await t?.dispose();
    await remote?.close();
  });

  const acknowledged = async (): Promise<PacketView[]> => delivery.listPackets({ state: 'acknowledged', limit: 1000 });
  const statuses = async () =>
    (
      await t.db.query<{ body: string }>("SELECT body FROM delivery_packets WHERE packet_type = 'report-status' AND state = 'acknowledged'")
    ).rows.map((r) => (JSON.parse(r.body) as { payload: { status: string; version: number } }).payload);

  it('lists acknowledged packets of all 13 types, the correction and the acceptance acknowledgements among them', async () => {
    for (;;) {
      const now = await acknowledged();
      const types = new Set(now.map((p) => p.packetType));
      const codes = new Set((await statuses()).map((s) => s.status));
      // The DINH_CHINH leaves with the correction's own packet: wait for both (they are acknowledged apart).
      const outlines = now.filter((p) => p.packetType === 'outline-submission').length;
      if (PACKET_TYPES.every((type) => types.has(type)) && codes.has('DINH_CHINH') && codes.has('DA_TIEP_NHAN') && outlines >= 2) break;
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
    // Everything went to NATIONAL_URL; the in-process simulator (still started on a bare machine) got nothing.
    const inProcess = (gw.ctx.services.simulators as { national?: RunningSimulator }).national!;
    const held = async (sim: RunningSimulator) =>
      ((await (await fetch(`${sim.url}/_sim/received`)).json()) as { packetId: string }[]).map((h) => h.packetId);
    expect(await held(inProcess)).toEqual([]);
    expect(await held(remote)).toEqual(expect.arrayContaining(packets.map((p) => p.packetId)));
  });

  it("the ops console's Gói tin page shows the 13 types, each with acknowledged packets", async () => {
    buildFrontEnds(); // the console's bundle, as `npm start` builds it
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${base}/auth/login`);
    await page.fill('#username', 'vanhanh');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/auth/login'), page.click('button[type=submit]')]);
    await page.goto(`${base}/console#packets`);
    await page.waitForSelector('main[data-view="packets"][aria-busy="false"]');
    const rows = await page
      .locator('main tr[data-type][data-acknowledged]')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-type'), Number(tr.getAttribute('data-acknowledged'))] as const));
    expect(rows.map(([type]) => type)).toEqual([...PACKET_TYPES]);
    expect(rows.filter(([, acknowledged]) => acknowledged > 0)).toHaveLength(13);
    expect(await page.textContent('#packet-type-summary')).toContain('13/13 loại gói tin');
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });
});

/**
 * The demo as a newcomer starts it: its in-process national office reviews list-type reports
 * (answers `received`, accepts when asked for the status later; the gateway's status poll does
 * not come round while the test runs), as a real endpoint that reviews by hand would: the
 * showcase's list-type report has left and is not accepted, so its recall reaches the national
 * system as report-status THU_HOI, and the corrected list goes again as version 2.
 */
describe('demo: the recall reaches a national system that has only received the report', { timeout: 600_000 }, () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ RECONCILE_INTERVAL_MS: '3600000' });
  }, 600_000);
  afterAll(async () => {
    await demo?.gw.close();
    await demo?.t.dispose();
  });

  it('report-status THU_HOI about version 1 is received, the list-type report is sent again as version 2', async () => {
    const listed = async () => demo.delivery.listPackets({ limit: 1000 });
    // Delivered (received, not accepted) or acknowledged: it has left either way.
    const left = (p: PacketView) => (p.state === 'delivered' || p.state === 'acknowledged') && p.remoteId !== null;
    for (;;) {
      const packets = await listed();
      const lists = packets.filter((p) => p.packetType === 'list-report-data' && left(p));
      if (lists.length === 2 && packets.some((p) => p.packetType === 'report-status' && left(p))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const rows = (
      await demo.t.db.query<{ body: string; state: string; packet_type: string }>(
        "SELECT body, state, packet_type FROM delivery_packets WHERE packet_type IN ('report-status', 'list-report-data') ORDER BY created_at",
      )
    ).rows.map((r) => ({
      type: r.packet_type,
      state: r.state,
      payload: (JSON.parse(r.body) as { payload: Record<string, unknown> }).payload,
    }));
    const recall = rows.find((r) => r.type === 'report-status' && r.payload.status === 'THU_HOI');
    const lists = rows
      .filter((r) => r.type === 'list-report-data')
      .map((r) => r.payload as { submissionId: string; version: number; records: unknown[] });
    // The office reviews list-type reports only: the status itself is accepted at once.
    expect(recall).toMatchObject({
      state: 'acknowledged',
      payload: { submissionId: lists[0]!.submissionId, version: 1, reason: 'Bổ sung dự án khởi công trong năm' },
    });
    // The first list had left (not cancelled); the corrected one, with the project added, went as version 2.
    expect(lists.map((v) => [v.submissionId, v.version, v.records.length])).toEqual([
      [lists[0]!.submissionId, 1, 2],
      [lists[0]!.submissionId, 2, 3],
    ]);
  });
});

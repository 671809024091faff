import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalChannel } from '../../src/channels/national/channel.js';
import type { DeliveryEngine } from '../../src/delivery/engine.js';
import { createOutboundServices } from '../../src/delivery/outbound.js';
import { cancelRecalled, writeOutbox } from '../../src/delivery/outbox.js';
import { buildReportStatusPacket } from '../../src/exchange/packets/status-packet.js';
import type { ExchangeServices } from '../../src/exchange/services.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { migrate } from '../../src/store/migrate.js';
import { PgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { builderFor, monthlyReport, nationalMappings, orgCredentials } from '../exchange/support/reports.js';
import { testEngine } from './support/engine.js';
import { eventually } from './support/packets.js';

const exchange = {
  buildReportStatus: (input: Parameters<ExchangeServices['buildReportStatus']>[0]) =>
    buildReportStatusPacket({ ...input, mappingVersion: nationalMappings.version }, orgCredentials),
} as unknown as ExchangeServices;

describe('one outbound packet model: reports and report statuses through the same outbox', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let engine: DeliveryEngine;
  const clock = () => new Date('2027-01-16T04:00:00Z');
  const outbound = createOutboundServices((input) => exchange.buildReportStatus(input), clock);
  const held = async () =>
    (await (await fetch(`${sim.url}/_sim/received`)).json()) as {
      packetType: string;
      idempotencyKey: string;
      attempts: number;
      submissionId?: string;
    }[];

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    engine = testEngine(t.db, { national: createNationalChannel({ baseUrl: sim.url }) }, { now: clock });
    await engine.start();
  });
  afterAll(async () => {
    await engine.stop();
    await sim.close();
    await t.dispose();
  });

  it('a recall after arrival sends report-status THU_HOI once, about the report, with its receipt', async () => {
    const report = monthlyReport();
    const packets = await builderFor().build(report);
    await t.db.transaction((tx) => writeOutbox(tx, report, packets, false, clock()));
    await eventually(async () => (await held()).length === 1, 'report held');
    await eventually(
      async () => (await t.db.query("SELECT 1 FROM delivery_packets WHERE state = 'acknowledged'")).rowCount === 1,
      'report acknowledged',
    );

    // The recall transaction: nothing left to cancel, the status goes out instead; asked twice, queued once.
    const first = await t.db.transaction(async (tx) => {
      expect(
        await cancelRecalled(
          tx,
          {
            submissionId: report.submissionId,
            version: 1,
            orgUnitId: report.orgUnit.id,
            reason: 'Sai số liệu',
            recalledBy: 'u',
            recalledAt: clock().toISOString(),
          },
          clock(),
        ),
      ).toEqual([]);
      return outbound.sendReportStatus(tx, { submissionId: report.submissionId, version: 1, status: 'THU_HOI', reason: 'Sai số liệu' });
    });
    const again = await t.db.transaction((tx) =>
      outbound.sendReportStatus(tx, { submissionId: report.submissionId, version: 1, status: 'THU_HOI', reason: 'Sai số liệu' }),
    );
    expect(first.queued).toHaveLength(1);
    expect(again.queued).toEqual([]);

    await eventually(async () => (await held()).length === 2, 'status held');
    const status = (await held()).find((h) => h.packetType === 'report-status')!;
    expect(status.attempts).toBe(1);
    const row = (
      await t.db.query<{
        subject_kind: string;
        subject_id: string;
        submission_id: string;
        state: string;
        body: string;
        receipt: string | null;
      }>(`SELECT subject_kind, subject_id, submission_id, state, body, receipt FROM delivery_packets WHERE packet_type = 'report-status'`)
    ).rows[0]!;
    expect(row).toMatchObject({ subject_kind: 'status', subject_id: report.submissionId, submission_id: report.submissionId });
    await eventually(
      async () =>
        (await t.db.query("SELECT 1 FROM delivery_packets WHERE packet_type = 'report-status' AND state = 'acknowledged'")).rowCount === 1,
      'status acknowledged',
    );
    const payload = JSON.parse(row.body).payload;
    const reportReceipt = (
      await t.db.query<{ remote_id: string }>("SELECT remote_id FROM delivery_packets WHERE packet_type = 'report-data'")
    ).rows[0]!.remote_id;
    expect(payload).toEqual({
      submissionId: report.submissionId,
      version: 1,
      status: 'THU_HOI',
      at: clock().toISOString(),
      reason: 'Sai số liệu',
      receiptId: reportReceipt,
    });
  });

  it('a report that never left gets no status packet (nothing to tell the national system)', async () => {
    const res = await t.db.transaction((tx) =>
      outbound.sendReportStatus(tx, { submissionId: 'never-sent', version: 1, status: 'THU_HOI' }),
    );
    expect(res).toEqual({ queued: [], skipped: 'REPORT_NOT_SENT' });
  });
});

describe('migration 033 keeps the report packets written before subjects existed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-mig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills subject from the submission and allows packets without a report', async () => {
    const all = join(process.cwd(), 'src/store/migrations');
    for (const name of readdirSync(all).filter((n) => n < '033')) cpSync(join(all, name), join(dir, name));
    const db = await PgliteDatabase.open();
    try {
      await migrate(db, dir);
      await db.query(`INSERT INTO delivery_packets (packet_id, idempotency_key, route, submission_id, submission_version, packet_type, org_unit_id,
        period_key, form_code, title, body, signature, state, channel, created_at, updated_at)
        VALUES ('PKT-old', 'IK-old', 'national', 'sub-old', 2, 'report-data', 'u1', '2027-M01', 'F1', 't', '{}', 's', 'acknowledged', 'national', now(), now())`);
      await migrate(db);
      const old = (await db.query('SELECT subject_kind, subject_id, subject_version, submission_id FROM delivery_packets')).rows[0];
      expect(old).toEqual({ subject_kind: 'report', subject_id: 'sub-old', subject_version: 2, submission_id: 'sub-old' });
      await db.query(`INSERT INTO delivery_packets (packet_id, idempotency_key, route, subject_kind, subject_id, packet_type, title, body, signature, state, channel, created_at, updated_at)
        VALUES ('PKT-cat', 'IK-cat', 'national', 'catalog', 'indicator-catalog', 'indicator-catalog', 't', '{}', 's', 'queued', 'national', now(), now())`);
      expect((await db.query('SELECT count(*)::int AS n FROM delivery_packets')).rows[0]).toEqual({ n: 2 });
    } finally {
      await db.close();
    }
  }, 180_000);
});

import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { coreModule } from '../../src/core/module.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import type { GatewayModule } from '../../src/gateway/module.js';
import type { Principal } from '../../src/http/principal.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { eventually } from '../delivery/support/packets.js';
import { fakeAuthModule } from '../support/fake-auth.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import type { SimulatorsServices } from '../../src/sim/simulator.js';
import type { NoServices } from '../../src/gateway/module.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { connectorsModule } from '../../src/app/adapters/connectors-module.js';

const FORM = 'DTC-DS01';
const person = (role: Principal['roles'][number]): Principal => ({
  kind: 'user',
  id: `demo:${role}@lai-chau`,
  displayName: role,
  roles: [role],
  orgUnitId: 'lai-chau',
});

/**
 * A list-type form (rows are records: public investment projects, typed columns) through the
 * whole path over the API: the form's columns, records saved and checked, submit refused while
 * a rule is broken, the leader approves (signature), the report leaves as one list-report-data
 * packet the national simulator checks with its own code and accepts; the acceptance is
 * acknowledged back with a report-status DA_TIEP_NHAN.
 */
describe('list-type report end to end (API → workflow → list-report-data → national simulator)', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let gw: Gateway;
  let base: string;
  const as = (user: string) => ({ headers: { 'x-test-user': user }, validateStatus: () => true });
  const nationalOnly: GatewayModule<NoServices, { simulators: SimulatorsServices }> = {
    name: 'simulators',
    requires: {},
    provides: { simulators: true },
    async init() {
      return { services: { simulators: { national: sim } } };
    },
  };

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD, CATALOG_PUSH: 'false' }),
      db: t.db,
      now: () => new Date('2027-04-03T04:00:00Z'),
      modules: [
        nationalOnly,
        fakeAuthModule({ entry: person('data_entry'), leader: person('leader'), clerk: person('clerk') }),
        scanningModule,
        coreModule,
        submissionsModule,
        mappingsModule,
        connectorsModule,
        exchangeModule,
        channelsModule,
        queuesModule,
        deliveryModule,
      ],
    });
    await gw.start();
    base = `http://127.0.0.1:${((await gw.listen(0)).address() as AddressInfo).port}/api/v1`;
    // A thematic regime: assigned for the window it covers (here the first quarter), not by the calendar.
    await gw.ctx.services.core!.assignments.generate('DTC-DUAN', '', {
      adHoc: { id: 1, windowStart: '2027-01-01', windowEnd: '2027-03-31' },
    });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await sim?.close();
    await t?.dispose();
  });

  it('records are typed and checked, the approved list arrives as list-report-data and is accepted and acknowledged', async () => {
    const form = await axios.get(`${base}/forms/${FORM}`, as('entry'));
    expect(form.status).toBe(200);
    expect(form.data).toMatchObject({ type: 'list', list: { keyColumn: 'MA_DU_AN', columns: expect.arrayContaining([]) } });
    expect(form.data.list.columns.map((c: { code: string; type: string }) => `${c.code}:${c.type}`)).toEqual([
      'MA_DU_AN:text',
      'TEN_DU_AN:text',
      'NHOM:code',
      'CHU_DAU_TU:text',
      'TONG_MUC_DAU_TU:number',
      'VON_GIAI_NGAN:number',
      'NGAY_KHOI_CONG:date',
      'HOAN_THANH:boolean',
    ]);
    const [assignment] = await gw.ctx.services.core!.assignments.list({ formCode: FORM });
    const created = await axios.post(`${base}/submissions`, { assignmentId: assignment!.id }, as('entry'));
    expect(created.status).toBe(201);
    const id = created.data.id as string;
    expect(created.data.type).toBe('list');

    const bad = await axios.put(
      `${base}/submissions/${id}/records`,
      {
        records: [
          { rowNo: 1, values: { MA_DU_AN: 'DA-01', TEN_DU_AN: 'Đường tỉnh 129', NHOM: 'D', TONG_MUC_DAU_TU: '12,5' } },
          {
            rowNo: 2,
            values: { MA_DU_AN: 'DA-01', TEN_DU_AN: 'Cầu Nậm Na', NHOM: 'B', TONG_MUC_DAU_TU: 80, NGAY_KHOI_CONG: '2026-02-30' },
          },
        ],
      },
      as('entry'),
    );
    expect(bad.status).toBe(200);
    expect(
      bad.data.violations.map((v: { code: string; rowNo: number; column: string }) => `${v.code}@${v.rowNo}/${v.column}`).sort(),
    ).toEqual([
      'RECORD_KEY_DUPLICATE@2/MA_DU_AN',
      'RECORD_TYPE_INVALID@1/TONG_MUC_DAU_TU',
      'RECORD_TYPE_INVALID@2/NGAY_KHOI_CONG',
      'RECORD_VALUE_NOT_ALLOWED@1/NHOM',
    ]);
    const refused = await axios.post(`${base}/submissions/${id}/submit`, {}, as('entry'));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // Data entry only: a leader cannot write the list.
    expect((await axios.put(`${base}/submissions/${id}/records`, { records: [] }, as('leader'))).status).toBe(403);

    const records = [
      {
        rowNo: 1,
        values: {
          MA_DU_AN: 'DA-01',
          TEN_DU_AN: 'Đường tỉnh 129 đoạn Tam Đường - Bản Bo',
          NHOM: 'B',
          CHU_DAU_TU: 'Ban QLDA đầu tư xây dựng tỉnh',
          TONG_MUC_DAU_TU: 412.5,
          VON_GIAI_NGAN: 120.25,
          NGAY_KHOI_CONG: '2025-06-15',
          HOAN_THANH: false,
        },
      },
      { rowNo: 2, values: { MA_DU_AN: 'DA-02', TEN_DU_AN: 'Trường THPT Nậm Nhùn', NHOM: 'C', TONG_MUC_DAU_TU: 58, HOAN_THANH: true } },
    ];
    const good = await axios.put(`${base}/submissions/${id}/records`, { records }, as('entry'));
    expect(good.data.violations).toEqual([]);
    expect((await axios.get(`${base}/submissions/${id}`, as('entry'))).data.records).toEqual(records);

    expect((await axios.post(`${base}/submissions/${id}/submit`, {}, as('entry'))).status).toBe(200);
    const approved = await axios.post(`${base}/submissions/${id}/approve`, {}, as('leader'));
    expect(approved.status).toBe(200);
    if (approved.data.submission.state === 'approved')
      expect((await axios.post(`${base}/submissions/${id}/dispatch`, {}, as('clerk'))).status).toBe(200);

    type Held = { packetType: string; status: string; attempts: number; submissionId?: string; receiptId: string };
    const held = async () => (await (await fetch(`${sim.url}/_sim/received`)).json()) as Held[];
    await eventually(
      async () => (await held()).some((h) => h.packetType === 'list-report-data' && h.status === 'accepted'),
      'list accepted',
    );
    await eventually(
      async () => (await gw.ctx.services.submissions!.service.get(person('leader'), id)).submission.state === 'accepted',
      'report accepted',
    );
    const row = (
      await t.db.query<{ body: string; remote_id: string }>(
        "SELECT body, remote_id FROM delivery_packets WHERE submission_id = $1 AND packet_type = 'list-report-data'",
        [id],
      )
    ).rows[0]!;
    const payload = JSON.parse(row.body).payload;
    expect(payload).toMatchObject({
      submissionId: id,
      formCode: FORM,
      regimeCode: 'DTC-DUAN',
      period: { kind: 'DOT_XUAT', from: '2027-01-01', to: '2027-03-31' },
    });
    expect(payload.columns).toContainEqual({ code: 'TONG_MUC_DAU_TU', label: 'Tổng mức đầu tư', unit: 'tỷ đồng' });
    expect(payload.records).toEqual(records);

    // The acceptance acknowledged back (report-status DA_TIEP_NHAN naming the receipt), once.
    await eventually(async () => (await held()).some((h) => h.packetType === 'report-status' && h.status === 'accepted'), 'ack');
    const acks = (
      await t.db.query<{ body: string }>(
        "SELECT body FROM delivery_packets WHERE packet_type = 'report-status' AND subject_id = $1 AND subject_kind = 'status'",
        [id],
      )
    ).rows.map((r) => JSON.parse(r.body).payload);
    expect(acks).toEqual([expect.objectContaining({ status: 'DA_TIEP_NHAN', version: 1, receiptId: row.remote_id })]);
  });

  it('refuses a list form definition whose columns do not hold together', async () => {
    const forms = gw.ctx.services.core!.forms;
    await expect(
      forms.create({ code: 'DS-BAD', name: 'Sai', type: 'list', regimeCode: 'DTC-DUAN', list: { columns: [], maxRecords: 10 } }),
    ).rejects.toMatchObject({ code: 'FORM_DEFINITION_INVALID' });
    await expect(
      forms.create({
        code: 'DS-BAD2',
        name: 'Sai',
        type: 'list',
        regimeCode: 'DTC-DUAN',
        list: { columns: [{ code: 'LOAI', label: 'Loại', type: 'code' }], maxRecords: 10 },
      }),
    ).rejects.toMatchObject({ code: 'FORM_DEFINITION_INVALID' });
  });
});

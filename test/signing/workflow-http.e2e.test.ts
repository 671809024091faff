import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DeliveryServices } from '../../src/delivery/services.js';
import { DEMO_P12_PASSWORD, REPO_ROOT } from '../../src/exchange/config.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import { DEFAULT_CSC_CLIENT_ID, DEFAULT_CSC_CLIENT_SECRET, DEFAULT_CSC_PIN } from '../../src/sim/csc/index.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { createTestToken, SOFTHSM_MODULE, type TestToken } from '../support/softhsm.js';
import { bearerFor, Client } from '../identity/support/http.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const pem = (f: string) => readFileSync(join(PKI, f), 'utf8');
const REGIME = 'E2E-THANG';
const FORM = 'E2E-THANG-01';
const PASSWORD = 'mat-khau-e2e-2026';
const values = (total: number) => [
  { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: total },
  { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: total - 40 },
  { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 40 },
];

/** The monthly period open today in Vietnam (Nghị định 09/2019 window: 15th → 14th). */
function currentMonthKey(): string {
  const vn = new Date(Date.now() + 7 * 3600_000);
  let year = vn.getUTCFullYear();
  let month = vn.getUTCMonth() + 1 + (vn.getUTCDate() >= 15 ? 1 : 0);
  if (month > 12) {
    month = 1;
    year += 1;
  }
  return `${year}-M${String(month).padStart(2, '0')}`;
}

/**
 * Issue #10's e2e through the workflow HTTP API, the whole gateway on PostgreSQL with its
 * in-process simulators (national, TSA on openssl ts, OCSP on openssl ocsp, CSC), each step by one
 * real role with its own bearer token: two commune leaders approve with their own PKCS#12 and
 * SoftHSM2 credentials, each commune's clerk sends to the province, the province leader accepts
 * them, the province consolidates, its leader signs remotely (CSC: OTP to the phone, then PIN +
 * OTP), the province clerk sends; the national system refuses the first packet (shown on the
 * report and in timeliness), the unit submits again, the leader signs again, the clerk sends and
 * the national simulator accepts it after verifying the organisation's signature and each of the
 * three leaders' JAdES approvals with its own code. A leader whose certificate the OCSP responder
 * marks revoked is refused in Vietnamese.
 */
describe('e2e over HTTP: personal signatures, routing through the province, the national answer', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  let token: TestToken;
  let dir: string;
  const periodKey = currentMonthKey();
  /** The province's consolidated report, once the national system accepted it. */
  let accepted: string | undefined;
  const tokens = new Map<string, string>();
  const c = () => new Client(base);

  async function as(username: string, method: string, path: string, json?: unknown) {
    let bearer = tokens.get(username);
    if (!bearer) {
      bearer = await bearerFor(base, username, username.includes('phongtho') || username.startsWith('vanthu.x') ? PASSWORD : DEMO_PASSWORD);
      tokens.set(username, bearer);
    }
    return c().call<Record<string, unknown>>(method, `/api/v1${path}`, {
      headers: { authorization: `Bearer ${bearer}` },
      ...(json === undefined ? {} : { json }),
    });
  }
  const sim = (name: string) => gw.ctx.services.simulators![name]!.url;

  async function stateOf(username: string, id: string): Promise<string> {
    const r = await as(username, 'GET', `/submissions/${id}`);
    return (r.body.submission as { state: string }).state;
  }
  /** Polls (no timing asserted) until the report reaches one of the states. */
  async function until(username: string, id: string, states: string[]): Promise<string> {
    for (;;) {
      const s = await stateOf(username, id);
      if (states.includes(s)) return s;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function draft(entry: string, orgUnitId: string): Promise<string> {
    const list = await as(entry, 'GET', `/assignments?periodKey=${periodKey}&formCode=${FORM}&orgUnitId=${orgUnitId}`);
    const [a] = list.body.assignments as { id: string }[];
    const created = await as(entry, 'POST', '/submissions', { assignmentId: a!.id });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    token = createTestToken('lienthong-http-binhlu', '86420', [
      { label: 'lanhdao.binhlu', keyPem: pem('leaders/lanhdao.binhlu.key.pem'), certPem: pem('leaders/lanhdao.binhlu.crt.pem') },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'lienthong-e2e-leaders-'));
    const credentials = join(dir, 'leaders.json');
    writeFileSync(
      credentials,
      JSON.stringify({
        leaders: [
          { orgUnitId: 'lc-x-tam-duong', pkcs12: { file: join(PKI, 'leaders', 'lanhdao.tamduong.p12'), passwordEnv: 'E2E_P12_PASSWORD' } },
          {
            orgUnitId: 'lc-x-binh-lu',
            pkcs11: {
              module: SOFTHSM_MODULE,
              tokenLabel: 'lienthong-http-binhlu',
              keyLabel: 'lanhdao.binhlu',
              issuers: join(PKI, 'ca.crt.pem'),
            },
          },
          {
            orgUnitId: 'lai-chau',
            csc: { credentialID: 'lanhdao.tinh', clientId: DEFAULT_CSC_CLIENT_ID, clientSecretEnv: 'E2E_CSC_SECRET' },
          },
          // Vàng A Dũng's certificate is revoked in the test CA's OCSP database.
          { orgUnitId: 'lc-x-phong-tho', pkcs12: { file: join(PKI, 'leaders', 'revoked.p12'), passwordEnv: 'E2E_P12_PASSWORD' } },
        ],
      }),
    );
    t = await openPostgresTestDatabase();
    const config = loadConfig({
      PORT: '0',
      START_SIMULATORS: 'true',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      NODE_ENV: 'test',
      DEMO_TRAFFIC: 'false',
      RETRY_BASE_MS: '50',
      RATE_LIMIT_LOGIN_PER_IP: '0',
      RATE_LIMIT_LOGIN_PER_ACCOUNT: '0',
      LEADER_CREDENTIALS: credentials,
      E2E_P12_PASSWORD: DEMO_P12_PASSWORD,
      E2E_CSC_SECRET: DEFAULT_CSC_CLIENT_SECRET,
      // The message log closes after an hour of failed time-stamping (the recall case sets it failing);
      // the head is stamped hourly, so no stamp clears that state while the case runs.
      MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: '3600000',
      MESSAGE_LOG_TIMESTAMP_MS: '3600000',
    });
    gw = await createGateway({ config, db: t.db, modules: modules.filter((m) => m.name !== 'demo') });
    await gw.start();
    const server = await gw.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const delivery = gw.ctx.services.delivery as DeliveryServices;
    // The catalogs pushed at start are delivered before the test switches the simulator's faults.
    while ((await delivery.listPackets({})).some((p) => p.state !== 'acknowledged')) await new Promise((r) => setTimeout(r, 200));

    // The province admin sets the regime up: the clerk sends (no autoDispatch), communes report to the province office.
    const regime = await as('admin', 'POST', '/regimes', {
      code: REGIME,
      name: 'Báo cáo kinh tế - xã hội hằng tháng (kiểm thử e2e)',
      type: 'periodic',
      periodKinds: ['month'],
      deadlineRule: { workingDaysAfterCutoff: 2 },
      assignees: { orgUnitIds: ['lai-chau', 'lc-x-tam-duong', 'lc-x-binh-lu', 'lc-x-phong-tho'] },
      autoDispatch: false,
      routing: { receivers: { commune: 'parent' }, national: 'receiver' },
      timelinessStep: 'sent',
    });
    expect(regime.status).toBe(201);
    expect((await as('admin', 'POST', '/forms/KTXH-THANG-01/instantiate', { code: FORM, regimeCode: REGIME })).status).toBe(201);
    for (const [username, orgUnitId, role] of [
      ['vanthu.x.tamduong', 'lc-x-tam-duong', 'clerk'],
      ['vanthu.x.binhlu', 'lc-x-binh-lu', 'clerk'],
      ['nhaplieu.phongtho', 'lc-x-phong-tho', 'data_entry'],
      ['lanhdao.phongtho', 'lc-x-phong-tho', 'leader'],
    ] as const) {
      const u = await as('admin', 'POST', '/users', { username, displayName: username, orgUnitId, roles: [role], password: PASSWORD });
      expect(u.status).toBe(201);
    }
    expect([200, 201]).toContain((await as('admin', 'POST', '/assignments/generate', { regimeCode: REGIME, periodKey })).status);
  }, 600_000);
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
    token?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a leader whose certificate the OCSP responder marks revoked, in Vietnamese', async () => {
    const id = await draft('nhaplieu.phongtho', 'lc-x-phong-tho');
    expect((await as('nhaplieu.phongtho', 'PUT', `/submissions/${id}/values`, { values: values(100) })).status).toBe(200);
    expect((await as('nhaplieu.phongtho', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    const refused = await as('lanhdao.phongtho', 'POST', `/submissions/${id}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LEADER_CERTIFICATE_REVOKED');
    expect(refused.body.message).toContain('đã bị thu hồi: không thể phê duyệt và ký báo cáo');
    expect(await stateOf('lanhdao.phongtho', id)).toBe('submitted');
  }, 300_000);

  it('communes sign with their own PKCS#12 and token, the province consolidates and signs remotely, the national answer reaches the unit', async () => {
    // Two communes: entry → submit → their leader signs with their own credential → their clerk sends to the province.
    const communes = [
      {
        unit: 'lc-x-tam-duong',
        entry: 'nhaplieu.tamduong',
        leader: 'lanhdao.tamduong',
        clerk: 'vanthu.x.tamduong',
        signing: {},
        name: 'Lò Văn Bình',
      },
      {
        unit: 'lc-x-binh-lu',
        entry: 'nhaplieu.binhlu',
        leader: 'lanhdao.binhlu',
        clerk: 'vanthu.x.binhlu',
        signing: { pin: '86420' },
        name: 'Tẩn Thị Chi',
      },
    ];
    for (const k of communes) {
      const id = await draft(k.entry, k.unit);
      await as(k.entry, 'PUT', `/submissions/${id}/values`, { values: values(100) });
      expect((await as(k.entry, 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
      if (k.unit === 'lc-x-binh-lu') {
        const noPin = await as(k.leader, 'POST', `/submissions/${id}/approve`, {});
        expect([noPin.status, noPin.body.code]).toEqual([422, 'SIGNING_PIN_REQUIRED']);
      }
      const approved = await as(k.leader, 'POST', `/submissions/${id}/approve`, { signing: k.signing });
      expect(approved.status).toBe(200);
      expect((approved.body.transitions as { action: string }[]).map((s) => s.action)).toEqual(['approve']); // the clerk sends
      const sig = await as(k.clerk, 'GET', `/exchange/submissions/${id}/approval-signature`);
      expect(sig.body).toMatchObject({ ok: true, format: 'JAdES', level: 'B-T' });
      expect((sig.body.signer as { name: string }).name).toBe(k.name);
      expect((await as(k.clerk, 'POST', `/submissions/${id}/dispatch`, {})).status).toBe(200);
      const seen = await as(k.entry, 'GET', `/submissions/${id}`);
      expect(seen.body).toMatchObject({ national: false, receiver: { id: 'lai-chau' } });
      expect((await as('lanhdao.tinh', 'POST', `/submissions/${id}/accept`, {})).status).toBe(200);
    }

    // The province office consolidates; its leader signs remotely (OTP to the phone first).
    const prov = await draft('tonghop.tinh', 'lai-chau');
    const consolidated = await as('tonghop.tinh', 'POST', `/submissions/${prov}/consolidate`, {});
    expect(consolidated.status).toBe(200);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${prov}/submit`, {})).status).toBe(200);
    const sign = async () => {
      const first = await as('lanhdao.tinh', 'POST', `/submissions/${prov}/approve`, { signing: { pin: DEFAULT_CSC_PIN } });
      expect([first.status, first.body.code]).toEqual([409, 'SIGNING_CONFIRMATION_REQUIRED']);
      const { otp } = (await (await fetch(`${sim('csc')}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
      const ok = await as('lanhdao.tinh', 'POST', `/submissions/${prov}/approve`, { signing: { pin: DEFAULT_CSC_PIN, otp } });
      expect(ok.status).toBe(200);
      const sig = await as('vanthu.tinh', 'GET', `/exchange/submissions/${prov}/approval-signature`);
      expect(sig.body).toMatchObject({ ok: true, level: 'B-T' });
      expect((sig.body.signer as { name: string }).name).toBe('Nguyễn Văn An');
    };
    await sign();

    // First send: the national system refuses the packet's signature.
    await fetch(`${sim('national')}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'reject-signature' }),
    });
    expect((await as('vanthu.tinh', 'POST', `/submissions/${prov}/dispatch`, {})).status).toBe(200);
    expect(await until('tonghop.tinh', prov, ['refused'])).toBe('refused');
    const shown = await as('tonghop.tinh', 'GET', `/submissions/${prov}`);
    expect(shown.body.statusReason).toMatchObject({ action: 'refuse', code: 'NATIONAL_SIGNATURE_REJECTED' });
    const timeliness = await as('vanhanh', 'GET', `/submissions/timeliness?periodKey=${periodKey}&regimeCode=${REGIME}`);
    const row = (timeliness.body.rows as { orgUnitId: string; status: string }[]).find((r) => r.orgUnitId === 'lai-chau');
    expect(row?.status).toBe('refused');

    // Sent again through the whole path: entry submits, the leader signs again, the clerk sends.
    await fetch(`${sim('national')}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'none' }),
    });
    // The refusal cleared the approval and the consolidation: the office sums its communes again.
    const again = await as('tonghop.tinh', 'POST', `/submissions/${prov}/submit`, {});
    expect([again.status, again.body.code]).toEqual([409, 'CONSOLIDATION_REQUIRED']);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${prov}/consolidate`, {})).status).toBe(200);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${prov}/submit`, {})).status).toBe(200);
    await sign();
    expect((await as('vanthu.tinh', 'POST', `/submissions/${prov}/dispatch`, {})).status).toBe(200);
    expect(await until('tonghop.tinh', prov, ['accepted'])).toBe('accepted');
    accepted = prov;

    // The national simulator stored it only after its own checks passed: the organisation's
    // signature and each leader's JAdES approval (province + both communes).
    const received = (await (await fetch(`${sim('national')}/_sim/received`)).json()) as {
      submissionId?: string;
      signer?: string;
      packetType: string;
    }[];
    // The report itself (a report-status packet about it may follow the acceptance).
    const ours = received.filter((r) => r.submissionId === prov && r.packetType === 'report-data');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.signer).toContain('UBND tỉnh Lai Châu');
    const delivery = gw.ctx.services.delivery as DeliveryServices;
    const packets = (await delivery.listPackets({})).filter((p) => p.submissionId === prov);
    // The refused packet stays rejected, the second one is acknowledged (a status packet may follow).
    expect(packets.map((p) => p.state)).toEqual(expect.arrayContaining(['acknowledged', 'rejected']));
    const after = await as('vanhanh', 'GET', `/submissions/timeliness?periodKey=${periodKey}&regimeCode=${REGIME}`);
    expect((after.body.rows as { orgUnitId: string; status: string }[]).find((r) => r.orgUnitId === 'lai-chau')?.status).not.toBe(
      'refused',
    );
  }, 300_000);

  it('a correction after acceptance runs the whole path and sends the whole corrected report plus a DINH_CHINH status', async () => {
    const prov = accepted!;
    const nationalReceived = async () =>
      (await (await fetch(`${sim('national')}/_sim/received`)).json()) as { packetType: string; submissionId?: string; status: string }[];
    const delivery = gw.ctx.services.delivery as DeliveryServices;
    // Whatever the acceptance set off has left first (polled; no timing asserted).
    while ((await delivery.listPackets({})).some((p) => p.state === 'queued' || p.state === 'sending'))
      await new Promise((r) => setTimeout(r, 200));
    const before = await nationalReceived();
    const asked = await as('tonghop.tinh', 'POST', `/submissions/${prov}/request-correction`, { reason: 'Đính chính số thu nội địa' });
    expect(asked.status).toBe(200);
    expect(await stateOf('tonghop.tinh', prov)).toBe('draft');
    // Nothing leaves before the leader signs and the clerk sends.
    expect(await nationalReceived()).toHaveLength(before.length);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${prov}/consolidate`, {})).status).toBe(200);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${prov}/submit`, {})).status).toBe(200);
    const first = await as('lanhdao.tinh', 'POST', `/submissions/${prov}/approve`, { signing: { pin: DEFAULT_CSC_PIN } });
    expect(first.body.code).toBe('SIGNING_CONFIRMATION_REQUIRED');
    const { otp } = (await (await fetch(`${sim('csc')}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
    expect((await as('lanhdao.tinh', 'POST', `/submissions/${prov}/approve`, { signing: { pin: DEFAULT_CSC_PIN, otp } })).status).toBe(200);
    expect((await as('vanthu.tinh', 'POST', `/submissions/${prov}/dispatch`, {})).status).toBe(200);
    expect(await until('tonghop.tinh', prov, ['accepted'])).toBe('accepted');
    const view = await as('tonghop.tinh', 'GET', `/submissions/${prov}`);
    expect((view.body.versions as { kind: string }[]).at(-1)?.kind).toBe('correction');
    for (;;) {
      const now = await nationalReceived();
      const added = now.slice(before.length);
      if (added.some((r) => r.packetType === 'report-status') && added.some((r) => r.packetType === 'report-data')) {
        expect(added.filter((r) => r.submissionId === prov && r.packetType === 'report-data')).toHaveLength(1);
        break;
      }
      if ((await delivery.listPackets({})).some((p) => p.state === 'dead')) throw new Error('a packet of the correction was not delivered');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 300_000);

  it('a recall before acceptance: the province clerk recalls through the API and the national system receives a THU_HOI report status', async () => {
    const delivery = gw.ctx.services.delivery as DeliveryServices;
    const national = (path: string, json: unknown) =>
      fetch(`${sim('national')}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const nationalReceived = async () =>
      (await (await fetch(`${sim('national')}/_sim/received`)).json()) as {
        packetType: string;
        submissionId?: string;
        status: string;
        reportStatus?: string;
        reason?: string;
        version?: number;
      }[];
    // A report of the province's own (no sub-units assigned: nothing to consolidate), sent by the clerk.
    expect(
      (
        await as('admin', 'POST', '/regimes', {
          code: 'E2E-THU-HOI',
          name: 'Báo cáo nhanh của tỉnh (kiểm thử thu hồi)',
          type: 'periodic',
          periodKinds: ['month'],
          deadlineRule: { workingDaysAfterCutoff: 2 },
          assignees: { orgUnitIds: ['lai-chau'] },
          routing: { national: 'receiver' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await as('admin', 'POST', '/forms/KTXH-THANG-01/instantiate', { code: 'E2E-THU-HOI-01', regimeCode: 'E2E-THU-HOI' })).status,
    ).toBe(201);
    expect([200, 201]).toContain((await as('admin', 'POST', '/assignments/generate', { regimeCode: 'E2E-THU-HOI', periodKey })).status);
    const list = await as('tonghop.tinh', 'GET', `/assignments?periodKey=${periodKey}&formCode=E2E-THU-HOI-01&orgUnitId=lai-chau`);
    const [assignment] = list.body.assignments as { id: string }[];
    const id = (await as('tonghop.tinh', 'POST', '/submissions', { assignmentId: assignment!.id })).body.id as string;
    expect((await as('tonghop.tinh', 'PUT', `/submissions/${id}/values`, { values: values(200) })).status).toBe(200);
    expect((await as('tonghop.tinh', 'POST', `/submissions/${id}/submit`, {})).status).toBe(200);
    const first = await as('lanhdao.tinh', 'POST', `/submissions/${id}/approve`, { signing: { pin: DEFAULT_CSC_PIN } });
    expect(first.body.code).toBe('SIGNING_CONFIRMATION_REQUIRED');
    const { otp } = (await (await fetch(`${sim('csc')}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
    expect((await as('lanhdao.tinh', 'POST', `/submissions/${id}/approve`, { signing: { pin: DEFAULT_CSC_PIN, otp } })).status).toBe(200);

    // The national system's operator has not answered yet: the report arrives, it is not accepted.
    expect((await national('/_sim/accept-mode', { mode: 'manual' })).status).toBe(200);
    try {
      expect((await as('vanthu.tinh', 'POST', `/submissions/${id}/dispatch`, {})).status).toBe(200);
      for (;;) {
        const packets = (await delivery.listPackets({})).filter((p) => p.submissionId === id);
        if (packets.some((p) => p.state === 'delivered')) break;
        if (packets.some((p) => p.state === 'dead' || p.state === 'rejected')) throw new Error('the report packet was not delivered');
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await nationalReceived()).filter((r) => r.submissionId === id).map((r) => [r.packetType, r.status])).toEqual([
        ['report-data', 'received'],
      ]);
      expect(await stateOf('vanthu.tinh', id)).toBe('sent');

      // The clerk recalls it (a data-entry user of another unit may not).
      const foreign = await as('nhaplieu.tamduong', 'POST', `/submissions/${id}/recall`, { reason: 'Không phải của đơn vị' });
      expect(foreign.status).toBe(403);
      // Time-stamping has failed for two hours: the recall's THU_HOI is a new packet, so the recall
      // is refused (503, in Vietnamese) and rolls back whole: still sent, no status packet queued.
      const packetsBefore = (await delivery.listPackets({})).filter((p) => p.submissionId === id).length;
      await t.db.query(
        `UPDATE delivery_timestamp_state SET failing_since = now() - interval '2 hours', last_error = 'TSA unreachable' WHERE id = 1`,
      );
      const held = await as('vanthu.tinh', 'POST', `/submissions/${id}/recall`, { reason: 'Gửi nhầm số liệu tháng trước' });
      await t.db.query('UPDATE delivery_timestamp_state SET failing_since = NULL, last_error = NULL WHERE id = 1');
      expect(held.status).toBe(503);
      expect(held.body).toMatchObject({
        code: 'MESSAGE_LOG_TIMESTAMP_FAILING',
        details: { limitMs: 3_600_000, lastError: 'TSA unreachable' },
      });
      expect(held.body.message).toContain('Không nhận gói tin mới');
      expect(await stateOf('vanthu.tinh', id)).toBe('sent');
      expect((await delivery.listPackets({})).filter((p) => p.submissionId === id)).toHaveLength(packetsBefore);
      expect(
        ((await as('tonghop.tinh', 'GET', `/submissions/${id}/history`)).body.transitions as { action: string }[]).map((h) => h.action),
      ).not.toContain('recall');

      const recalled = await as('vanthu.tinh', 'POST', `/submissions/${id}/recall`, { reason: 'Gửi nhầm số liệu tháng trước' });
      expect(recalled.status).toBe(200);
      expect(recalled.body.submission).toMatchObject({ state: 'draft', signature: null });
      const view = await as('tonghop.tinh', 'GET', `/submissions/${id}`);
      expect(view.body.statusReason).toMatchObject({ action: 'recall', reason: 'Gửi nhầm số liệu tháng trước' });

      // The national simulator stores a packet only after its own checks (organisation signature,
      // schema, content: a THU_HOI must carry its reason): the status about version 1 arrives.
      for (;;) {
        const status = (await nationalReceived()).find((r) => r.submissionId === id && r.packetType === 'report-status');
        if (status) {
          expect(status).toMatchObject({ reportStatus: 'THU_HOI', reason: 'Gửi nhầm số liệu tháng trước', version: 1 });
          break;
        }
        const packets = (await delivery.listPackets({})).filter((p) => p.submissionId === id);
        if (packets.some((p) => p.state === 'dead' || p.state === 'rejected')) throw new Error('the THU_HOI status was not delivered');
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await national('/_sim/accept-mode', { mode: 'immediate' });
    }
  }, 300_000);
});

import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { localDateOf } from '../../src/core/calendar/index.js';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import type { CoreServices } from '../../src/core/core-services.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import type { Principal } from '../../src/http/principal.js';
import type { IdentityServices } from '../../src/identity/services.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';

const KEEP = [
  'scheduler',
  'queues',
  'scanning',
  'core',
  'identity',
  'submissions',
  'mappings',
  'connectors',
  'exchange',
  'channels',
  'delivery',
  'ops',
];
// The audit log is stamped by the database clock, so the period is today's (the window contains now).
const PERIOD = demoPeriods(new Date()).current;
const TODAY = localDateOf(new Date());

/**
 * Usage statistics through the real identity (password logins, a disabled account), catalog and
 * workflow: the JSON figures and the xlsx export agree, and the export opens in exceljs with the
 * logins, accounts and reports counted independently here.
 */
describe('usage statistics per unit and period range, exported to xlsx', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let base: string;
  let cookie = '';

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    const config = loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD, NODE_ENV: 'test' });
    gw = await createGateway({ config, db: t.db, modules: modules.filter((m) => KEEP.includes(m.name)) });
    await gw.start();
    base = `http://127.0.0.1:${((await gw.listen(0, '127.0.0.1')).address() as AddressInfo).port}`;
    const core = gw.ctx.services.core as CoreServices;
    for (const r of await core.regimes.list()) if (r.periodKinds.includes('month')) await core.assignments.generate(r.code, PERIOD);
    const login = async (username: string) => {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
        body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(303);
      return res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    };
    await login('nhaplieu.tamduong');
    await login('nhaplieu.tamduong');
    await login('lanhdao.tamduong');
    cookie = await login('vanhanh');
    const identity = gw.ctx.services.identity as IdentityServices;
    const admin: Principal = { kind: 'user', id: 'test-admin', displayName: 'Quản trị', roles: ['admin'], orgUnitId: 'lai-chau' };
    const binhLu = (await identity.users.list(admin)).find((u) => u.username === 'nhaplieu.binhlu')!;
    await identity.users.disable(admin, binhLu.id, 'transfer');
  }, 180_000);
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
  });

  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie } });

  it('counts logins, accounts and reports per unit; the workbook carries the same figures', async () => {
    const res = await get(`/api/v1/ops/usage?from=${PERIOD}&to=${PERIOD}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      periods: string[];
      units: Record<string, number | string>[];
      totals: Record<string, number>;
    };
    expect(report.periods).toEqual([PERIOD]);
    const accounts = await t.db.query<{ org_unit_id: string; status: string }>('SELECT org_unit_id, status FROM users');
    const count = (unit: string, status: string) => accounts.rows.filter((a) => a.org_unit_id === unit && a.status === status).length;
    const tamDuong = report.units.find((u) => u.orgUnitId === 'lc-x-tam-duong')!;
    const binhLu = report.units.find((u) => u.orgUnitId === 'lc-x-binh-lu')!;
    expect(tamDuong).toMatchObject({
      logins: 3,
      activeAccounts: count('lc-x-tam-duong', 'active'),
      disabledAccounts: 0,
      entered: 0,
      submitted: 0,
      onTime: 0,
    });
    expect(binhLu).toMatchObject({ logins: 0, activeAccounts: count('lc-x-binh-lu', 'active'), disabledAccounts: 1 });
    const core = gw.ctx.services.core as CoreServices;
    const assigned = (await core.assignments.list({ periodKey: PERIOD })).filter((a) => a.orgUnitId === 'lc-x-tam-duong');
    expect(tamDuong.assigned).toBe(assigned.length);
    // Nothing sent: missing once the deadline day has passed, else not yet due.
    expect(tamDuong.missing).toBe(assigned.filter((a) => a.deadline !== null && a.deadline < TODAY).length);
    expect(tamDuong.pending).toBe(assigned.length - Number(tamDuong.missing));

    const xlsx = await get(`/api/v1/ops/usage/export?from=${PERIOD}&to=${PERIOD}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('Thống kê sử dụng')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Đơn vị',
      'Lượt đăng nhập',
      'Tài khoản hoạt động',
      'Tài khoản bị khoá',
      'Báo cáo được giao',
      'Báo cáo đã nhập',
      'Báo cáo đã gửi',
      'Đúng hạn',
      'Trễ hạn',
      'Chưa nộp',
      'Chưa đến hạn',
      'Đính chính',
    ]);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(2));
    });
    expect(rows.get(String(tamDuong.orgUnitName))).toEqual([
      3,
      tamDuong.activeAccounts,
      0,
      assigned.length,
      0,
      0,
      0,
      0,
      tamDuong.missing,
      tamDuong.pending,
      0,
    ]);
    expect(rows.get(String(binhLu.orgUnitName))!.slice(0, 3)).toEqual([0, binhLu.activeAccounts, 1]);
    expect(rows.get('Tổng cộng')![0]).toBe(report.totals.logins);
    expect(report.totals.logins).toBe(4); // three unit logins and the ops officer's
    expect(rows.size).toBe(report.units.length + 1);
  }, 120_000);

  it('refuses a mixed or reversed period range, and people without the ops or admin role', async () => {
    expect(await (await get('/api/v1/ops/usage?from=2027-M02&to=2027-M01')).json()).toMatchObject({ code: 'PERIOD_RANGE_INVALID' });
    expect(await (await get('/api/v1/ops/usage?from=2027-M01&to=2027-Q1')).json()).toMatchObject({ code: 'PERIOD_RANGE_INVALID' });
    expect((await fetch(`${base}/api/v1/ops/usage?from=2027-M01`)).status).toBe(401);
  });
});

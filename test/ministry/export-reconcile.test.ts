import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTRACTS_DIR } from '../../src/shared/contracts.js';
import type { SqlExecutor } from '../../src/store/database.js';
import type { CoreServices } from '../../src/core/core-services.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { kpiPush, startMinistryApi, type MinistryApi } from './support/setup.js';
import { mountedRoutes, type StackLayer } from '../support/routes.js';

const AT = new Date('2026-07-10T02:00:00Z');

/** An approved (or other state) report with its cells, written as the submissions area stores it. */
async function report(
  sql: SqlExecutor,
  core: CoreServices,
  id: string,
  orgUnitId: string,
  state: string,
  cells: [string, string, number, Record<string, string>?][],
) {
  // On the unit's real assignment: the export reads the report through the submissions service.
  const [assignment] = await core.assignments.list({ periodKey: '2026-H1', formCode: 'KTXH-6THANG-01', orgUnitIds: [orgUnitId] });
  await sql.query(
    `INSERT INTO submissions (id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, state, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, 'KTXH-6THANG-01', 'KTXH-6THANG', '2026-H1', 'data', $4, 'test', $5, $5)`,
    [id, assignment!.id, orgUnitId, state, AT],
  );
  for (const [indicator, column, value, d] of cells) {
    const key = d
      ? Object.keys(d)
          .sort()
          .map((k) => `${k}=${d[k]}`)
          .join(';')
      : '';
    await sql.query(
      `INSERT INTO submission_values (submission_id, indicator_code, column_code, disaggregation_key, disaggregation, value, entered_by, entered_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'test', $7)`,
      [id, indicator, column, key, d ? JSON.stringify(d) : null, String(value), AT],
    );
  }
}

describe('form export and reconciliation (PostgreSQL)', () => {
  let t: TestDatabase;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startMinistryApi(t);
    const core = api.gw.ctx.services.core as CoreServices;
    await core.assignments.generate('KTXH-6THANG', '2026-H1');
    await report(t.db, core, 's-prov', 'lai-chau', 'approved', [
      ['0202', 'PLAN', 25000],
      ['0202', 'THIS_PERIOD', 11873.5],
      ['0201', 'PCT_SAME_PERIOD', 7.9],
      ['0303', 'THIS_PERIOD', 78250],
      ['0302', 'THIS_PERIOD', 110400, { crop: 'rice' }],
      ['0305', 'THIS_PERIOD', 63],
    ]);
    await report(t.db, core, 's-draft', 'lc-x-tam-duong', 'draft', [['0303', 'THIS_PERIOD', 999]]);
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  async function download(who: 'admin' | 'entry', path: string) {
    const res = await fetch(`${api.base}${path}`, { headers: { 'x-test-user': who } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  it("exports a unit's form as xlsx that reads back with the entered values", async () => {
    const { res, bytes } = await download('admin', '/forms/KTXH-6THANG-01/export.xlsx?period=2026-H1&orgUnit=lai-chau');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('KTXH-6THANG-01_000.00.00.H29_2026-H1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Biểu mẫu')!;
    expect(ws.getCell('A1').value).toContain('Biểu số 02');
    expect(String(ws.getCell('D3').value)).toContain('Đã phê duyệt');
    const codes = (ws.getRow(5).values as unknown[]).slice(5);
    expect(codes).toEqual(['PLAN', 'THIS_PERIOD', 'PCT_SAME_PERIOD', 'PCT_PLAN']);
    const grdp = ws.getRow(6);
    expect([grdp.getCell(2).value, grdp.getCell(5).value, grdp.getCell(6).value, grdp.getCell(8).value]).toEqual([
      '0202',
      25000,
      11873.5,
      null,
    ]);
    const parts = wb.getWorksheet('Phân tổ')!;
    expect(parts.getRow(2).values).toEqual([undefined, '0302', 'THIS_PERIOD', 'crop=rice', 110400]);
  });

  it("exports the caller's own unit by default, the empty form when there is no report, never another unit", async () => {
    const { res, bytes } = await download('entry', '/forms/KTXH-6THANG-01/export.xlsx?period=2026-H1');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet('Biểu mẫu')!.getCell('D3').value)).toContain('Đang nhập liệu');
    const empty = await download('admin', '/forms/KTXH-6THANG-01/export.xlsx?period=2026-H1&orgUnit=lc-x-binh-lu');
    const wbEmpty = new ExcelJS.Workbook();
    await wbEmpty.xlsx.load(empty.bytes as unknown as ArrayBuffer);
    expect(String(wbEmpty.getWorksheet('Biểu mẫu')!.getCell('D3').value)).toContain('Chưa có số liệu');
    // No figure; the form's total row (0202 = the sum of its parts) is its formula, with no result cached.
    expect(wbEmpty.getWorksheet('Biểu mẫu')!.getRow(6).getCell(6).value).toEqual({ formula: 'F7+F8+F9+F10' });
    expect(wbEmpty.getWorksheet('Biểu mẫu')!.getRow(7).getCell(6).value).toBeNull();
    const other = await api.call('entry', 'GET', '/forms/KTXH-6THANG-01/export.xlsx?period=2026-H1&orgUnit=lai-chau');
    expect([other.status, other.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
    const narrative = await api.call('admin', 'GET', '/forms/KTXH-6THANG-TM/export.xlsx?period=2026-H1');
    expect([narrative.status, narrative.body.code]).toEqual([422, 'FORM_NOT_EXPORTABLE']);
    const noPeriod = await api.call('admin', 'GET', '/forms/KTXH-6THANG-01/export.xlsx');
    expect([noPeriod.status, noPeriod.body.code]).toEqual([400, 'QUERY_INVALID']);
  });

  it("lists the differences between approved values and the ministry's for a period", async () => {
    const push = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data',
      kpiPush([
        { indicatorCode: 'CN.TRAU', value: 78250, unit: 'con' },
        { indicatorCode: 'NN.LT.SL', value: 110.5, unit: 'nghìn tấn', disaggregation: { CAY: 'LUA' } },
        { indicatorCode: 'NN.LUA.DT', value: 31250, unit: 'ha', disaggregation: { VU: 'DX' } },
        { indicatorCode: 'CN.TRAU', value: 1850, unit: 'con', orgCode: '000.03.31.H29' },
      ]),
    );
    expect(push.body).toMatchObject({ status: 'SUCCESS', importCount: { imported: 4 } });
    const rep = await api.call('admin', 'GET', '/reconciliation?period=2026-H1&source=BNNMT');
    expect(rep.status).toBe(200);
    expect(rep.body).toMatchObject({
      source: 'BNNMT',
      period: '2026-H1',
      provinceCells: 3,
      sourceCells: 4,
      matched: 1,
      counts: { value_differs: 1, missing_in_source: 1, missing_in_province: 2 },
    });
    const diffs = rep.body.differences as {
      kind: string;
      orgUnitId: string;
      indicatorCode: string;
      disaggregationKey: string;
      provinceValue: number | null;
      sourceValue: number | null;
      delta: number | null;
      unit: string;
    }[];
    expect(diffs.map((d) => [d.kind, d.orgUnitId, d.indicatorCode, d.disaggregationKey, d.provinceValue, d.sourceValue, d.delta])).toEqual([
      ['missing_in_province', 'lai-chau', '0301', 'season=winter_spring', null, 31250, null],
      ['value_differs', 'lai-chau', '0302', 'crop=rice', 110400, 110500, 100],
      ['missing_in_source', 'lai-chau', '0305', '', 63, null, null],
      ['missing_in_province', 'lc-x-tam-duong', '0303', '', null, 1850, null],
    ]);
    expect(diffs[1]!.unit).toBe('tấn');
    const sent = await api.call('bnnmt', 'GET', '/ministry/values?period=2026-H1&source=BNNMT');
    expect(
      (sent.body.values as { indicatorCode: string; value: number; unit: string }[]).map((v) => [v.indicatorCode, v.value, v.unit]),
    ).toEqual([
      ['0301', 31250, 'ha'],
      ['0302', 110500, 'tấn'],
      ['0303', 78250, 'con'],
      ['0303', 1850, 'con'],
    ]);
    expect((await api.call('entry', 'GET', '/ministry/values?period=2026-H1&source=BNNMT')).body.code).toBe('ROLE_FORBIDDEN');
    const tolerant = await api.call('admin', 'GET', '/reconciliation?period=2026-H1&source=BNNMT&tolerance=100');
    expect(tolerant.body).toMatchObject({ matched: 2, counts: { value_differs: 0 } });
  });

  it("limits reconciliation to the caller's role and ministry", async () => {
    expect((await api.call('entry', 'GET', '/reconciliation?period=2026-H1&source=BNNMT')).body.code).toBe('ROLE_FORBIDDEN');
    expect((await api.call('btc', 'GET', '/reconciliation?period=2026-H1&source=BNNMT')).body.code).toBe('ROLE_FORBIDDEN');
    expect((await api.call('bnnmt', 'GET', '/reconciliation?period=2026-H1&source=BNNMT')).status).toBe(200);
    expect((await api.call('admin', 'GET', '/reconciliation?period=2026-X&source=BNNMT')).body.code).toBe('PERIOD_KEY_INVALID');
  });

  it('documents every ministry route in contracts/openapi/ministry.yaml, and nothing unmounted', () => {
    const fragment = parse(readFileSync(join(CONTRACTS_DIR, 'openapi', 'ministry.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(fragment.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
        .map((m) => `${m.toUpperCase()} /api/v1${p}`),
    );
    const mounted = mountedRoutes((api.gw.app as unknown as { router: { stack: StackLayer[] } }).router.stack);
    const ours = mounted.filter((r) => /\/api\/v1\/(ministry|imports|reconciliation)|export\.xlsx/.test(r));
    expect(ours.length).toBe(9);
    expect(ours.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
  });
});

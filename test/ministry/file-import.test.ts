import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../src/core/text/index.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { countValues, startMinistryApi, type Caller, type MinistryApi } from './support/setup.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('ministry file imports (CSV, xlsx)', () => {
  let t: TestDatabase;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    api = await startMinistryApi(t, { MINISTRY_FILE_LIMIT: '256kb' });
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  /** Uploads and polls GET /imports/:id until the import is no longer running. */
  async function upload(who: Caller, query: string, body: string | Uint8Array, type: string) {
    const started = await api.call(who, 'POST', `/imports?${query}`, body, type);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.importId as string;
    for (;;) {
      const job = await api.call(who, 'GET', `/imports/${id}`);
      if (job.body.status !== 'running') return job.body;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('imports values from CSV, naming the file line of each conflict', async () => {
    const csv = [
      'orgCode,indicatorCode,period,column,value,unit,disaggregation',
      '000.00.00.H29,CN.TRAU,2026-Y,TH,80100,con,',
      '000.03.31.H29,NN.LT.SL,2026-Y,TH,4.2,nghìn tấn,CAY=LUA',
      '000.03.31.H29,NN.LT.SL,2026-Y,TH,4.2,kg,CAY=NGO',
      '000.03.31.H29,LN.CPR,2026-Q9,TH,50,%,',
    ].join('\n');
    const atomic = await upload('bnnmt', 'kind=values', csv, 'text/csv');
    expect(atomic).toMatchObject({
      status: 'completed',
      kind: 'values',
      format: 'csv',
      summary: { status: 'ERROR', total: 4, importCount: { imported: 0 } },
    });
    expect((atomic.summary as { conflicts: { row: number; code: string }[] }).conflicts.map((c) => [c.row, c.code])).toEqual([
      [4, 'UNIT_MISMATCH'],
      [5, 'PERIOD_KEY_INVALID'],
    ]);
    expect(await countValues(t)).toBe(0);
    const partial = await upload('bnnmt', 'kind=values&atomic=false', csv, 'text/csv');
    expect(partial).toMatchObject({ summary: { status: 'WARNING', importCount: { imported: 2, updated: 0, ignored: 2 } } });
    const again = await upload('bnnmt', 'kind=values&atomic=false', csv, 'text/csv');
    expect(again).toMatchObject({ summary: { importCount: { imported: 0, updated: 0, ignored: 4 } } });
    expect(await countValues(t)).toBe(2);
  });

  it('reads a TCVN3 file saved by legacy software and converts its text', async () => {
    const text = [
      'orgCode,indicatorCode,period,column,value,unit',
      `000.04.31.H29,NN.LT.SL,2026-Y,TH,1.25,${encodeLegacy('nghìn tấn', 'tcvn3')}`,
    ].join('\n');
    const res = await upload('bnnmt', 'kind=values', Buffer.from(text, 'latin1'), 'text/csv');
    expect(res).toMatchObject({ summary: { status: 'SUCCESS', importCount: { imported: 1 } } });
    const { rows } = await t.db.query<{ value: string; unit: string }>(
      "SELECT value::text AS value, unit FROM ministry_values WHERE org_unit_id = 'lc-x-binh-lu'",
    );
    expect(rows.map((r) => [Number(r.value), r.unit])).toEqual([[1250, 'tấn']]);
  });

  it('imports values from an xlsx workbook', async () => {
    const book = await xlsx([
      ['orgCode', 'indicatorCode', 'period', 'column', 'value', 'unit', 'disaggregation'],
      ['000.00.00.H29', 'GN.HN', '2026-Y', 'TH', 7.5, '%', 'KV=NT'],
      ['000.00.00.H29', 'GN.HN', '2026-Y', 'TH', 2.1, '%', 'KV=TT'],
    ]);
    const res = await upload('bnnmt', 'kind=values&dryRun=true', book, XLSX);
    expect(res).toMatchObject({ format: 'xlsx', dryRun: true, summary: { status: 'SUCCESS', importCount: { imported: 2 } } });
    const before = await countValues(t);
    expect(before).toBe(3);
    expect(await upload('bnnmt', 'kind=values', book, XLSX)).toMatchObject({ summary: { importCount: { imported: 2 } } });
    expect(await countValues(t)).toBe(5);
  });

  it('imports an indicator catalog from CSV and xlsx (admins only), all or nothing', async () => {
    const header = [
      'code',
      'name',
      'unit',
      'method',
      'periodicity',
      'catalog',
      'field',
      'ministryCode',
      'responsibleOrgUnitId',
      'disaggregations',
      'template',
      'sample',
    ];
    const csv = [
      header.join(','),
      'LC0201,Số hợp tác xã nông nghiệp,hợp tác xã,,year,provincial,agriculture_environment,BNNMT,,,false,false',
      '0303,Tổng đàn trâu,nghìn con,,year,national,agriculture_environment,BNNMT,,,false,false',
    ].join('\n');
    expect((await api.call('bnnmt', 'POST', '/imports?kind=indicators', csv, 'text/csv')).body.code).toBe('ROLE_FORBIDDEN');
    const refused = await upload('admin', 'kind=indicators', csv, 'text/csv');
    expect(refused).toMatchObject({
      kind: 'indicators',
      summary: { status: 'ERROR', conflicts: [{ row: 3, code: 'INDICATOR_UNIT_CONFLICT' }] },
    });
    const book = await xlsx([
      header,
      [
        'LC0201',
        'Số hợp tác xã nông nghiệp',
        'hợp tác xã',
        '',
        'year',
        'provincial',
        'agriculture_environment',
        'BNNMT',
        '',
        '',
        'false',
        'false',
      ],
      [
        '0303',
        'Tổng đàn trâu (cập nhật)',
        'con',
        '',
        'half_year|year',
        'national',
        'agriculture_environment',
        'BNNMT',
        'lc-so-nn-mt',
        '',
        'true',
        'true',
      ],
    ]);
    const ok = await upload('admin', 'kind=indicators', book, XLSX);
    expect(ok).toMatchObject({ summary: { status: 'SUCCESS', importCount: { imported: 1, updated: 1 } } });
    expect((await api.call('admin', 'GET', '/indicators/LC0201')).body).toMatchObject({ unit: 'hợp tác xã', catalog: 'provincial' });
    expect((await api.call('admin', 'GET', '/indicators/0303')).body).toMatchObject({ name: 'Tổng đàn trâu (cập nhật)', unit: 'con' });
  });

  it('refuses unreadable files and unknown media types at once', async () => {
    const bad = await api.call('bnnmt', 'POST', '/imports?kind=values', 'a,"b\n', 'text/csv');
    expect([bad.status, bad.body.code]).toEqual([400, 'FILE_MALFORMED']);
    const notXlsx = await api.call('bnnmt', 'POST', '/imports?kind=values', 'PK not a zip', XLSX);
    expect([notXlsx.status, notXlsx.body.code]).toEqual([400, 'FILE_MALFORMED']);
    const cols = await api.call('bnnmt', 'POST', '/imports?kind=values', 'code,value\nX,1', 'text/csv');
    expect([cols.status, cols.body.code]).toEqual([400, 'FILE_COLUMNS_MISSING']);
    const pdf = await api.call('bnnmt', 'POST', '/imports', '%PDF', 'application/pdf');
    expect([pdf.status, pdf.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect((await api.call('btc', 'GET', '/imports/nope')).body.code).toBe('IMPORT_NOT_FOUND');
    const huge = `orgCode,indicatorCode,period,value\n${'000.00.00.H29,CN.TRAU,2026-Y,1\n'.repeat(10_000)}`;
    const tooBig = await api.call('bnnmt', 'POST', '/imports?kind=values', huge, 'text/csv');
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    expect(await countValues(t)).toBe(5);
  });
});

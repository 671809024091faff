import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createSubmissionsModule } from '../../src/core/submissions/module.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';
import { EICAR } from '../../src/scanning/scanner.js';
import { listAudit } from '../../src/store/audit-log.js';
import { startPrivateClamd, type PrivateClamd } from '../support/clamd.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { fakeAuthModule } from '../support/fake-auth.js';
import { countValues, kpiPush, startMinistryApi, type MinistryApi } from '../ministry/support/setup.js';
import { MemoryCatalog, principal } from '../submissions/support/memory-catalog.js';
import { TestSigner } from '../submissions/support/setup.js';

/**
 * Every way a file comes in goes through the real clamd (private instance, EICAR-only database):
 * ministry CSV/xlsx imports, ministry JSON/XML pushes, narrative report attachments. An infected
 * file is refused with FILE_INFECTED, nothing is stored, the refusal is audited; a scanner that
 * is down refuses the file (fail closed) with SCANNER_UNAVAILABLE.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_HEAD = 'orgCode,indicatorCode,period,column,value,unit,disaggregation';

async function countRows(t: TestDatabase, table: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe('malware scanning of uploads (real clamd)', () => {
  let clamd: PrivateClamd;
  let t: TestDatabase;
  let ministry: MinistryApi;
  let gw: Gateway;
  let base: string;
  const users = { entryA: principal('entryA', ['data_entry'], 'comA') };

  beforeAll(async () => {
    clamd = await startPrivateClamd();
    t = await openPostgresTestDatabase();
    ministry = await startMinistryApi(t, { CLAMD_SOCKET: clamd.socket });
    gw = await createGateway({
      config: loadConfig({
        PORT: '0',
        START_SIMULATORS: 'false',
        SEED_DEMO: 'false',
        CLAMD_HOST: clamd.host,
        CLAMD_PORT: String(clamd.port),
      }),
      db: t.db,
      modules: [fakeAuthModule(users), scanningModule, createSubmissionsModule({ catalog: new MemoryCatalog(), signer: new TestSigner() })],
    });
    base = `http://127.0.0.1:${((await gw.listen(0)).address() as AddressInfo).port}/api/v1`;
  }, 600_000); // clamd and two gateways on the real PostgreSQL (own schema): minutes on a loaded machine
  afterAll(async () => {
    await gw?.close();
    await ministry?.gw.close();
    await t?.dispose();
    await clamd?.stop();
  });

  async function refusals(): Promise<{ subject: string | null; actor: string; details: Record<string, unknown> }[]> {
    return (await listAudit(t.db, { action: 'file.refused' })).map((r) => ({ subject: r.subject, actor: r.actor, details: r.details }));
  }

  it('refuses an infected CSV import with FILE_INFECTED in Vietnamese, records no import, audits the refusal', async () => {
    const csv = `${CSV_HEAD}\n000.00.00.H29,CN.TRAU,2026-Y,TH,80100,con,${EICAR}\n`;
    const res = await ministry.call('bnnmt', 'POST', '/imports?kind=values', csv, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FILE_INFECTED');
    expect(res.body.message).toMatch(/mã độc/);
    expect(res.body.details).toMatchObject({ signature: expect.stringMatching(/^Eicar-Test-Signature/) });
    expect(await countRows(t, 'ministry_imports')).toBe(0);
    expect(await countValues(t)).toBe(0);
    const [entry] = await refusals();
    expect(entry).toMatchObject({
      actor: 'client-bnnmt',
      details: {
        reason: 'FILE_INFECTED',
        purpose: 'ministry-import-values',
        size: Buffer.byteLength(csv),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('finds EICAR inside an xlsx (clamd unpacks the zip) and accepts a clean one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(CSV_HEAD.split(','));
    ws.addRow(['000.00.00.H29', 'CN.TRAU', '2026-Y', 'TH', 80100, 'con', EICAR]);
    const infected = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(Buffer.from(infected).includes(Buffer.from(EICAR, 'latin1'))).toBe(false); // deflated: only an unpacking scanner sees it
    const res = await ministry.call('bnnmt', 'POST', '/imports?kind=values', infected, XLSX);
    expect([res.status, res.body.code]).toEqual([422, 'FILE_INFECTED']);
    const clean = await ministry.call(
      'bnnmt',
      'POST',
      '/imports?kind=values&dryRun=true',
      `${CSV_HEAD}\n000.00.00.H29,CN.TRAU,2026-Y,TH,80100,con,\n`,
      'text/csv',
    );
    expect(clean.status).toBe(202);
    expect(await countRows(t, 'ministry_imports')).toBe(1);
  });

  it('refuses infected JSON and XML pushes to /ministry/data, storing nothing', async () => {
    const json = await ministry.call(
      'bnnmt',
      'POST',
      '/ministry/data',
      kpiPush([{ indicatorCode: 'CN.TRAU', value: 1, unit: 'con', note: EICAR }]),
    );
    expect([json.status, json.body.code]).toEqual([422, 'FILE_INFECTED']);
    const xml = `<ministryData packetType="kpi-data"><!-- ${EICAR} --><period kind="6T" year="2026"/></ministryData>`;
    const res = await ministry.call('bnnmt', 'POST', '/ministry/data', xml, 'application/xml');
    expect([res.status, res.body.code]).toEqual([422, 'FILE_INFECTED']);
    expect(await countValues(t)).toBe(0);
    expect((await refusals()).filter((r) => r.details.purpose === 'ministry-data')).toHaveLength(2);
    const ok = await ministry.call(
      'bnnmt',
      'POST',
      '/ministry/data?dryRun=true',
      kpiPush([{ indicatorCode: 'CN.TRAU', value: 1, unit: 'con' }]),
    );
    expect(ok.status).toBe(200);
  });

  it('refuses an infected narrative attachment: no attachment stored, so none can be forwarded', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-test-user': 'entryA' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const id = (await call('POST', '/submissions', { assignmentId: 'NARR-comA' })).body.id as string;
    const clean = { name: 'phụ lục.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Phụ lục').toString('base64') };
    expect((await call('PUT', `/submissions/${id}/narrative`, { title: 'Tháng 1', text: 'Nội dung', attachments: [clean] })).status).toBe(
      200,
    );
    const virus = { name: 'virus.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from(EICAR, 'latin1').toString('base64') };
    const res = await call('PUT', `/submissions/${id}/narrative`, {
      title: 'Tháng 1 (sửa)',
      text: 'Nội dung',
      attachments: [clean, virus],
    });
    expect([res.status, res.body.code]).toEqual([422, 'FILE_INFECTED']);
    expect(res.body.message).toMatch(/virus\.pdf/);
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM submission_attachments WHERE submission_id = $1', [id]);
    expect(rows.map((r) => r.name)).toEqual(['phụ lục.txt']);
    const { rows: titles } = await t.db.query<{ title: string }>('SELECT narrative_title AS title FROM submissions WHERE id = $1', [id]);
    expect(titles[0]!.title).toBe('Tháng 1');
    expect((await refusals()).find((r) => r.subject === 'virus.pdf')).toMatchObject({
      actor: 'entryA',
      details: { purpose: 'submission-attachment', reason: 'FILE_INFECTED' },
    });
  });

  it('fails closed when clamd is down: SCANNER_UNAVAILABLE, nothing stored, refusal audited', async () => {
    await clamd.stop();
    const before = await countRows(t, 'ministry_imports');
    const res = await ministry.call(
      'bnnmt',
      'POST',
      '/imports?kind=values',
      `${CSV_HEAD}\n000.00.00.H29,CN.TRAU,2026-Y,TH,80100,con,\n`,
      'text/csv',
    );
    expect([res.status, res.body.code]).toEqual([503, 'SCANNER_UNAVAILABLE']);
    expect(res.body.message).toMatch(/không kiểm tra được mã độc/);
    expect(await countRows(t, 'ministry_imports')).toBe(before);
    expect((await refusals())[0]).toMatchObject({ details: { reason: 'SCANNER_UNAVAILABLE' } });
  });
});

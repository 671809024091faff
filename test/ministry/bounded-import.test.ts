import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHooks, workerStats } from '../../src/ministry/files/bounded-read.js';
import { inspectZip } from '../../src/ministry/files/zip-inspect.js';
import { DEFAULT_FILE_LIMITS } from '../../src/ministry/files/file-limits.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { zipBomb } from '../support/zip-bomb.js';
import { startMinistryApi, type MinistryApi } from './support/setup.js';

/**
 * Bounded xlsx/zip inputs (issue #11): limits checked while unpacking, before parsing, with
 * stable codes; big files parsed in a worker so /health keeps answering.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEAD = ['orgCode', 'indicatorCode', 'period', 'column', 'value', 'unit', 'disaggregation'];

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(HEAD);
  for (let i = 0; i < rows; i++) ws.addRow(['000.00.00.H29', 'CN.TRAU', '2026-Y', 'TH', 80100 + i, 'con', `ghi chú dòng ${i}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function countImports(t: TestDatabase): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ministry_imports');
  return rows[0]!.n;
}

describe('bounded xlsx/zip imports', () => {
  let t: TestDatabase;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    api = await startMinistryApi(t, { MINISTRY_FILE_LIMIT: '20mb', IMPORT_MAX_ROWS: '50000' });
  }, 120_000);
  afterAll(async () => {
    await api?.gw.close();
    await t?.dispose();
  });

  it('refuses a 200 MB zip bomb from its central directory, inflating nothing, RSS bounded', async () => {
    const bomb = await zipBomb([
      { name: '[Content_Types].xml', size: 200 },
      { name: 'xl/worksheets/sheet1.xml', size: 200 * 1024 * 1024, fill: ' ' },
    ]);
    expect(bomb.length).toBeLessThan(250 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const res = await api.call('bnnmt', 'POST', '/imports?kind=values', new Uint8Array(bomb), XLSX);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'FILE_UNPACKED_TOO_LARGE',
      details: { limit: DEFAULT_FILE_LIMITS.maxUnpackedBytes, declared: true },
    });
    expect(res.body.message).toMatch(/giải nén/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    expect(await countImports(t)).toBe(0);
  });

  it('refuses a bomb that lies about its sizes once an entry inflates past what it declared, and a zip over the total', async () => {
    // Every entry declares 1 MB (64 of them pass the declared-size check) but inflates to 2 MB.
    const liar = await zipBomb(
      Array.from({ length: 60 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, size: 2 * 1024 * 1024, declaredSize: 1024 * 1024 })),
    );
    await expect(inspectZip(liar, DEFAULT_FILE_LIMITS)).rejects.toMatchObject({ code: 'FILE_MALFORMED', status: 400 });
    // Honest sizes under each limit but too much in total: refused while inflating, at the cap.
    const many = await zipBomb(Array.from({ length: 3 }, (_, i) => ({ name: `xl/media/blob${i}.bin`, size: 3 * 1024 * 1024, fill: 'x' })));
    await expect(inspectZip(many, { ...DEFAULT_FILE_LIMITS, maxUnpackedBytes: 8 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'FILE_UNPACKED_TOO_LARGE',
      status: 413,
      details: { declared: true },
    });
    const res = await api.call('bnnmt', 'POST', '/imports?kind=values', new Uint8Array(liar), XLSX);
    expect([res.status, res.body.code]).toEqual([400, 'FILE_MALFORMED']);
  });

  it('counts entries, rows and cells while unpacking', async () => {
    const entries = await zipBomb(Array.from({ length: 1_001 }, (_, i) => ({ name: `e${i}.xml`, size: 10 })));
    const tooMany = await api.call('bnnmt', 'POST', '/imports?kind=values', new Uint8Array(entries), XLSX);
    expect(tooMany).toMatchObject({ status: 413, body: { code: 'FILE_TOO_MANY_ENTRIES', details: { limit: 1_000, seen: 1_001 } } });
    const rows = await zipBomb([{ name: 'xl/worksheets/sheet1.xml', size: 4 * 1024 * 1024 }]);
    const tooManyRows = await api.call('bnnmt', 'POST', '/imports?kind=values', new Uint8Array(rows), XLSX);
    expect(tooManyRows).toMatchObject({ status: 413, body: { code: 'FILE_TOO_MANY_ROWS', details: { limit: 50_000 } } });
    const cells = await zipBomb([{ name: 'xl/worksheets/sheet1.xml', size: 1024 * 1024, fill: '<c r="A1"/>' }]);
    await expect(inspectZip(cells, DEFAULT_FILE_LIMITS)).resolves.toMatchObject({ rows: 0, cells: Math.floor((1024 * 1024) / 11) });
    await expect(inspectZip(cells, { ...DEFAULT_FILE_LIMITS, maxCells: 1000 })).rejects.toMatchObject({ code: 'FILE_TOO_MANY_CELLS' });
    const real = await inspectZip(await workbook(10), DEFAULT_FILE_LIMITS);
    expect(real).toMatchObject({ rows: 11, cells: 77 });
    const notZip = await api.call('bnnmt', 'POST', '/imports?kind=values', 'not a zip at all', XLSX);
    expect([notZip.status, notZip.body.code]).toEqual([400, 'FILE_MALFORMED']);
    expect(await countImports(t)).toBe(0);
  }, 120_000);

  it('parses a large workbook in a worker thread while /health keeps answering', async () => {
    const big = await workbook(10_000);
    const inspected = await inspectZip(big, DEFAULT_FILE_LIMITS);
    expect(inspected.unpackedBytes).toBeGreaterThan(DEFAULT_FILE_LIMITS.workerMinBytes);
    // The worker signals once it has parsed the file, then holds its answer until released:
    // /health is asked while the import request is provably still waiting on the worker.
    const gate = new Int32Array(new SharedArrayBuffer(8));
    parseHooks.gate = gate;
    const parsedBefore = workerStats.parsed;
    let answered = false;
    const upload = api.call('bnnmt', 'POST', '/imports?kind=values&dryRun=true', new Uint8Array(big), XLSX).finally(() => {
      answered = true;
    });
    try {
      const waitAsync = (
        Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }
      ).waitAsync;
      const wait = waitAsync(gate, 1, 0);
      // A worker that fails settles the upload instead: then the assertions below say why.
      if (wait.async) await Promise.race([wait.value, upload]);
      const health = await fetch(api.base.replace(/\/api\/v1$/, '/health'));
      expect(health.status).toBe(200);
      expect(answered).toBe(false);
    } finally {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      parseHooks.gate = undefined;
    }
    const res = await upload;
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.total).toBe(10_000);
    expect(workerStats.parsed).toBe(parsedBefore + 1);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../src/core/text/legacy-encoding.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { startApi, type Api } from './support/api.js';

const NOW = new Date('2027-01-10T02:00:00Z');

interface Node {
  id: string;
  children: Node[];
}
const ids = (n: Node): string[] => [n.id, ...n.children.flatMap(ids)];

describe('core catalog API', () => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    api = await startApi(t, NOW);
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  it('needs authentication for reads and the admin role for writes', async () => {
    const anonymous = await api.call(null, 'GET', '/indicators');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'AUTH_REQUIRED']);
    // Authorisation comes before body validation: the caller learns nothing about the schema.
    const entry = await api.call('entryA', 'POST', '/regimes', {});
    expect([entry.status, entry.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const anonymousWrite = await api.call(null, 'POST', '/org-units', {});
    expect([anonymousWrite.status, anonymousWrite.body.code]).toEqual([401, 'AUTH_REQUIRED']);
    // A commune's admin manages its subtree, not the province-wide catalog.
    const communeAdmin = await api.call('adminA', 'POST', '/indicators', {
      code: 'LCX',
      name: 'X',
      unit: 'hộ',
      periodicity: ['year'],
      catalog: 'provincial',
      field: 'health_social',
    });
    expect([communeAdmin.status, communeAdmin.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
  });

  it("shows a ministry client only its ministry's indicators", async () => {
    const all = (await api.call('admin', 'GET', '/indicators')).body.indicators as { ministryCode: string | null }[];
    const own = (await api.call('ministry', 'GET', '/indicators?ministryCode=BTC')).body.indicators as { ministryCode: string | null }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    expect(own.every((i) => i.ministryCode === 'BKHDT')).toBe(true);
  });

  it('shows each caller only their own subtree of the org tree', async () => {
    const whole = await api.call('admin', 'GET', '/org-units/tree');
    expect(ids(whole.body as unknown as Node)).toEqual(expect.arrayContaining(['lai-chau', 'lc-x-tam-duong', 'lc-p-tan-phong']));
    const own = await api.call('entryA', 'GET', '/org-units/tree');
    expect(ids(own.body as unknown as Node)).toEqual(['lc-x-tam-duong']);
    // Before the district level was abolished (1 July 2025) the wards sat under the city.
    const before = await api.call('admin', 'GET', '/org-units/tree?on=2025-06-30');
    const city = (before.body.children as Node[]).find((n) => n.id === 'lc-tp-lai-chau')!;
    expect(ids(city)).toEqual(expect.arrayContaining(['lc-p-tan-phong', 'lc-p-doan-ket', 'lc-p-quyet-thang']));
    const after = await api.call('admin', 'GET', '/org-units/tree?on=2025-07-01');
    expect((after.body.children as Node[]).map((n) => n.id)).toContain('lc-p-tan-phong');
    const badDate = await api.call('admin', 'GET', '/org-units/tree?on=2025-02-30');
    expect([badDate.status, badDate.body.code]).toEqual([400, 'QUERY_INVALID']);
    const other = await api.call('entryA', 'GET', '/org-units/lc-x-binh-lu');
    expect([other.status, other.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
  });

  it('creates, re-codes, re-parents and merges org units keeping history', async () => {
    const created = await api.call('admin', 'POST', '/org-units', {
      id: 'lc-x-moi',
      orgCode: '000.11.31.H29',
      name: 'Xã Mới',
      kind: 'commune',
      parentId: 'lai-chau',
      validFrom: '2026-01-01',
    });
    expect(created.status).toBe(201);
    const recoded = await api.call('admin', 'PATCH', '/org-units/lc-x-moi', { orgCode: '000.12.31.H29', effectiveOn: '2026-06-01' });
    expect(recoded.body.orgCode).toBe('000.12.31.H29');
    const one = await api.call('admin', 'GET', '/org-units/lc-x-moi');
    const codes = (one.body.history as { codes: { orgCode: string; validTo: string | null }[] }).codes;
    expect(codes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orgCode: '000.11.31.H29', validTo: '2026-06-01' }),
        expect.objectContaining({ orgCode: '000.12.31.H29', validTo: null }),
      ]),
    );
    const taken = await api.call('admin', 'POST', '/org-units', {
      orgCode: '000.12.31.H29',
      name: 'Trùng mã',
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect([taken.status, taken.body.code]).toEqual([409, 'ORG_CODE_TAKEN']);
    const moved = await api.call('admin', 'POST', '/org-units/lc-x-moi/reparent', { parentId: 'lc-tp-lai-chau', on: '2026-09-01' });
    expect(moved.body.parentId).toBe('lc-tp-lai-chau');
    const merged = await api.call('admin', 'POST', '/org-units/lc-x-moi/merger', {
      toUnitId: 'lc-p-tan-phong',
      effectiveOn: '2026-12-01',
      note: 'Sáp nhập',
    });
    expect(merged.body.active).toBe(false);
    const history = merged.body.history as { parents: unknown[]; transitions: unknown[] };
    expect(history.parents).toHaveLength(2);
    expect(history.transitions).toEqual([expect.objectContaining({ toUnitId: 'lc-p-tan-phong' })]);
    expect((await listAudit(t.db, { subject: 'lc-x-moi' })).map((a) => a.action)).toEqual([
      'org_unit.merge',
      'org_unit.reparent',
      'org_unit.update',
      'org_unit.create',
    ]);
  });

  it('refuses an admin acting outside their subtree and a malformed body', async () => {
    const outside = await api.call('adminA', 'POST', '/org-units', {
      orgCode: '000.13.31.H29',
      name: 'Xã',
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect([outside.status, outside.body.code]).toEqual([403, 'ORG_SCOPE_FORBIDDEN']);
    const bad = await api.call('admin', 'POST', '/org-units', { orgCode: '000.13.31.H29', kind: 'village', parentId: 'lai-chau' });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST_INVALID']);
    const fields = (bad.body.details as { violations: { field: string }[] }).violations.map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['/name', '/kind']));
  });

  it('lists indicators with filters and imports JSON or CSV all or nothing', async () => {
    const health = await api.call('entryA', 'GET', '/indicators?field=health_social');
    const list = health.body.indicators as { field: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.field === 'health_social')).toBe(true);
    const badFilter = await api.call('entryA', 'GET', '/indicators?field=nope');
    expect([badFilter.status, badFilter.body.code]).toEqual([400, 'QUERY_INVALID']);
    const json = await api.call('admin', 'POST', '/indicators/import', [
      { code: 'LC01', name: 'Số hộ nghèo', unit: 'hộ', periodicity: ['year'], catalog: 'provincial', field: 'health_social' },
    ]);
    expect(json.body).toEqual({ created: ['LC01'], updated: [] });
    const csv =
      'code,name,unit,method,periodicity,catalog,field\nLC01,Số hộ nghèo,hộ,,year|half_year,provincial,health_social\nLC02,Số hộ cận nghèo,hộ,,year,provincial,health_social\n';
    const imported = await api.call('admin', 'POST', '/indicators/import', csv, 'text/csv');
    expect(imported.body).toEqual({ created: ['LC02'], updated: ['LC01'] });
    const conflict =
      'code,name,unit,periodicity,catalog,field\nLC03,Mới,hộ,year,provincial,health_social\nLC02,Số hộ cận nghèo,người,year,provincial,health_social\n';
    const refused = await api.call('admin', 'POST', '/indicators/import', conflict, 'text/csv');
    expect([refused.status, refused.body.code]).toEqual([409, 'INDICATOR_UNIT_CONFLICT']);
    expect((await api.call('admin', 'GET', '/indicators/LC03')).body.code).toBe('INDICATOR_NOT_FOUND');
    const unknownUnit = await api.call('admin', 'POST', '/indicators', {
      code: 'LC09',
      name: 'X',
      unit: 'hộ',
      periodicity: ['year'],
      catalog: 'provincial',
      field: 'health_social',
      responsibleOrgUnitId: 'no-such-unit',
    });
    expect([unknownUnit.status, unknownUnit.body.code]).toEqual([400, 'REFERENCE_NOT_FOUND']);
    const renamed = await api.call('admin', 'PATCH', '/indicators/LC02', { name: 'Số hộ cận nghèo cuối năm', periodicity: ['year'] });
    expect(renamed.body).toMatchObject({ code: 'LC02', name: 'Số hộ cận nghèo cuối năm', unit: 'hộ' });
    const unit = await api.call('admin', 'PATCH', '/indicators/LC02', { unit: 'người' });
    expect([unit.status, unit.body.code]).toEqual([400, 'REQUEST_INVALID']);
    const broken = await api.call('admin', 'POST', '/indicators/import', 'code,name\nX,', 'text/csv');
    expect([broken.status, broken.body.code]).toEqual([400, 'CSV_INVALID']);
  });

  it('creates regimes and forms, and checks values against the form constraints', async () => {
    const regime = await api.call('admin', 'POST', '/regimes', {
      code: 'CD-QUY',
      name: 'Báo cáo quý',
      type: 'periodic',
      periodKinds: ['quarter'],
      deadlineRule: { workingDaysAfterCutoff: 3 },
      assignees: { kinds: ['commune'] },
    });
    expect(regime.status).toBe(201);
    const form = await api.call('admin', 'POST', '/forms', {
      code: 'CD-QUY-01',
      name: 'Biểu quý',
      type: 'data',
      regimeCode: 'CD-QUY',
      rows: [
        { indicatorCode: 'LC01', order: 1, label: 'Hộ nghèo', unit: 'hộ' },
        { indicatorCode: 'LC02', order: 2, label: 'Hộ cận nghèo', unit: 'hộ' },
      ],
      columns: [{ code: 'THIS_PERIOD', label: 'Kỳ này', kind: 'number' }],
      constraints: [{ id: 'khong-am', type: 'range', min: 0 }],
    });
    expect(form.status).toBe(201);
    const copy = await api.call('admin', 'POST', '/forms/CD-QUY-01/instantiate', { code: 'CD-QUY-02', regimeCode: 'CD-QUY' });
    expect(copy.body).toMatchObject({
      code: 'CD-QUY-02',
      regimeCode: 'CD-QUY',
      rows: [{ indicatorCode: 'LC01' }, { indicatorCode: 'LC02' }],
    });
    expect((await api.call('entryA', 'GET', '/regimes/CD-QUY')).body.formCodes).toEqual(['CD-QUY-01', 'CD-QUY-02']);
    const check = await api.call('entryA', 'POST', '/forms/KTXH-THANG-01/validate', {
      values: [
        { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 10 },
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 4 },
        { indicatorCode: '0209', columnCode: 'THIS_PERIOD', value: 5 },
      ],
    });
    expect(check.body.valid).toBe(false);
    expect(check.body.violations).toEqual([
      expect.objectContaining({ code: 'SUM_MISMATCH', row: '0207', column: 'THIS_PERIOD', expected: 9, actual: 10 }),
    ]);
  });

  it('stores text as Unicode NFC: decomposed and TCVN3 input converted, unreadable input refused', async () => {
    const name = 'Ủy ban nhân dân xã Nậm Nhùn';
    const nfd = await api.call('admin', 'POST', '/org-units', {
      orgCode: '000.21.31.H29',
      name: name.normalize('NFD'),
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect(nfd.body.name).toBe(name);
    const tcvn3 = await api.call('admin', 'POST', '/org-units', {
      orgCode: '000.22.31.H29',
      name: encodeLegacy(name, 'tcvn3'),
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect(tcvn3.body.name).toBe(name);
    const garbled = await api.call('admin', 'POST', '/org-units', {
      orgCode: '000.23.31.H29',
      name: 'Gr\u00f8\u00dfe \u00e6\u00f0',
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect([garbled.status, garbled.body.code]).toEqual([400, 'TEXT_ENCODING_UNSUPPORTED']);
  });
});

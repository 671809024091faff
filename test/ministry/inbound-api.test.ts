import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../src/core/text/index.js';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { metricsRegistry } from '../../src/observability/registry.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { countValues, kpiPush, startMinistryApi, type MinistryApi } from './support/setup.js';

const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'fixtures', 'ministry', name), 'utf8');

async function stored(t: TestDatabase, indicator: string) {
  const { rows } = await t.db.query<{
    org_unit_id: string;
    disaggregation_key: string;
    column_code: string;
    value: string;
    unit: string;
    period_key: string;
  }>(
    'SELECT org_unit_id, disaggregation_key, column_code, value::text AS value, unit, period_key FROM ministry_values WHERE indicator_code = $1 ORDER BY org_unit_id, disaggregation_key, column_code',
    [indicator],
  );
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

describe('ministry inbound API', () => {
  let t: TestDatabase;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startMinistryApi(t, { BODY_LIMIT: '64kb', MINISTRY_XML_LIMIT: '64kb' });
  });
  afterAll(async () => {
    await api.gw.close();
    await t.dispose();
  });

  it('maps a JSON kpi-data push into the provincial catalog, converting units', async () => {
    const res = await api.call('bnnmt', 'POST', '/ministry/data', JSON.parse(fixture('kpi-data.sample.json')));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SUCCESS',
      source: 'BNNMT',
      total: 4,
      importCount: { imported: 4, updated: 0, ignored: 0 },
      conflicts: [],
    });
    expect(await stored(t, '0302')).toEqual([
      {
        org_unit_id: 'lai-chau',
        disaggregation_key: 'crop=rice',
        column_code: 'THIS_PERIOD',
        value: 110400,
        unit: 'tấn',
        period_key: '2026-H1',
      },
    ]);
    expect((await stored(t, '0303')).map((r) => [r.org_unit_id, r.value])).toEqual([
      ['lai-chau', 78250],
      ['lc-x-tam-duong', 1850],
    ]);
    expect(await stored(t, '0301')).toMatchObject([{ disaggregation_key: 'season=winter_spring', value: 31250, unit: 'ha' }]);
  });

  it('is idempotent: the same data again is ignored, a changed value is updated, nothing duplicates', async () => {
    const before = await countValues(t);
    const again = await api.call('bnnmt', 'POST', '/ministry/data', JSON.parse(fixture('kpi-data.sample.json')));
    expect(again.body).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 4 } });
    const doc = JSON.parse(fixture('kpi-data.sample.json')) as { payload: { observations: { value: number }[] } };
    doc.payload.observations[2]!.value = 78300;
    const changed = await api.call('bnnmt', 'POST', '/ministry/data', doc);
    expect(changed.body).toMatchObject({ importCount: { imported: 0, updated: 1, ignored: 3 } });
    expect(await countValues(t)).toBe(before);
    expect((await stored(t, '0303'))[0]!.value).toBe(78300);
    const metric = await metricsRegistry.getSingleMetricAsString('lienthong_ministry_values_total');
    expect(metric).toMatch(/lienthong_ministry_values_total\{source="BNNMT",outcome="updated"\} [1-9]/);
  });

  it('honours importStrategy: CREATE leaves existing cells, UPDATE creates none', async () => {
    const rows = [
      { indicatorCode: 'CN.TRAU', value: 1, unit: 'con' },
      { indicatorCode: 'MT.CTR', value: 88, unit: '%' },
    ];
    const create = await api.call('bnnmt', 'POST', '/ministry/data?importStrategy=create&dryRun=true', kpiPush(rows));
    expect(create.body).toMatchObject({ importStrategy: 'CREATE', importCount: { imported: 1, updated: 0, ignored: 1 } });
    const update = await api.call('bnnmt', 'POST', '/ministry/data?importStrategy=UPDATE', kpiPush(rows));
    expect(update.body).toMatchObject({ importStrategy: 'UPDATE', importCount: { imported: 0, updated: 1, ignored: 1 } });
    expect(await stored(t, '0306')).toEqual([]);
    expect((await stored(t, '0303'))[0]!.value).toBe(1);
    await api.call('bnnmt', 'POST', '/ministry/data', kpiPush([{ indicatorCode: 'CN.TRAU', value: 78300, unit: 'con' }]));
    const bad = await api.call('bnnmt', 'POST', '/ministry/data?importStrategy=DELETE', kpiPush(rows));
    expect([bad.status, bad.body.code]).toEqual([400, 'QUERY_INVALID']);
  });

  it('dry run reports what would happen and stores nothing', async () => {
    const before = await countValues(t);
    const res = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data?dryRun=true',
      kpiPush([
        { indicatorCode: 'LN.CPR', value: 63.1, unit: '%' },
        { indicatorCode: 'CN.TRAU', value: 1, unit: 'con' },
      ]),
    );
    expect(res.body).toMatchObject({ status: 'SUCCESS', dryRun: true, importCount: { imported: 1, updated: 1, ignored: 0 } });
    expect(await countValues(t)).toBe(before);
    expect((await stored(t, '0303'))[0]!.value).toBe(78300);
  });

  it('atomic by default: one conflict stores nothing; atomic=false stores the clean rows', async () => {
    const rows = [
      { indicatorCode: 'LN.CPR', value: 63.1, unit: '%' },
      { indicatorCode: 'NN.KHONG.CO', value: 5, unit: 'ha' },
      { indicatorCode: 'NN.LT.SL', value: 3, unit: 'kg', disaggregation: { CAY: 'NGO' } },
      { indicatorCode: 'CN.TRAU', value: 7, unit: 'con', orgCode: '999.99.99.H99' },
      { indicatorCode: 'MT.CTR', value: 'nhiều', unit: '%' },
      { indicatorCode: 'NN.LT.SL', value: 3, unit: 'nghìn tấn', disaggregation: { CAY: 'SAN' } },
    ];
    const atomic = await api.call('bnnmt', 'POST', '/ministry/data', kpiPush(rows));
    expect(atomic.status).toBe(409);
    expect(atomic.body).toMatchObject({ status: 'ERROR', atomic: true, importCount: { imported: 0, updated: 0, ignored: 6 } });
    expect((atomic.body.conflicts as { row: number; code: string }[]).map((c) => [c.row, c.code])).toEqual([
      [2, 'INDICATOR_UNMAPPED'],
      [3, 'UNIT_MISMATCH'],
      [4, 'ORG_UNIT_UNKNOWN'],
      [5, 'VALUE_NOT_NUMBER'],
      [6, 'DISAGGREGATION_UNKNOWN'],
    ]);
    expect(await stored(t, '0305')).toEqual([]);
    const partial = await api.call('bnnmt', 'POST', '/ministry/data?atomic=false', kpiPush(rows));
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'WARNING', importCount: { imported: 1, updated: 0, ignored: 5 } });
    expect(await stored(t, '0305')).toMatchObject([{ value: 63.1, unit: '%' }]);
  });

  it("names rows outside the caller's unit and duplicated cells", async () => {
    const res = await api.call(
      'bnnmtTamDuong',
      'POST',
      '/ministry/data?dryRun=true',
      kpiPush([
        { indicatorCode: 'CN.TRAU', value: 10, unit: 'con', orgCode: '000.03.31.H29' },
        { indicatorCode: 'CN.TRAU', value: 11, unit: 'con' },
        { indicatorCode: 'CN.TRAU', value: 12, unit: 'con', orgCode: '000.03.31.H29' },
      ]),
    );
    expect((res.body.conflicts as { row: number; code: string }[]).map((c) => [c.row, c.code])).toEqual([
      [2, 'ORG_SCOPE_FORBIDDEN'],
      [3, 'DUPLICATE_ROW'],
    ]);
  });

  it('converts legacy-encoded units (TCVN3, VNI) and refuses unreadable text', async () => {
    const res = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data?atomic=false',
      kpiPush([
        { indicatorCode: 'NN.LT.SL', value: 1.5, unit: encodeLegacy('nghìn tấn', 'tcvn3'), disaggregation: { CAY: 'NGO' } },
        { indicatorCode: 'NN.LUA.DT', value: 2, unit: encodeLegacy('nghìn ha', 'vni'), disaggregation: { VU: 'HT' } },
        { indicatorCode: 'CN.TRAU', value: 3, unit: 'con ¶¤¿', orgCode: '000.04.31.H29' },
      ]),
    );
    expect(res.body).toMatchObject({ importCount: { imported: 2 } });
    expect((res.body.conflicts as { row: number; code: string }[]).map((c) => [c.row, c.code])).toEqual([[3, 'TEXT_ENCODING_UNSUPPORTED']]);
    expect((await stored(t, '0302')).find((r) => r.disaggregation_key === 'crop=maize')).toMatchObject({ value: 1500, unit: 'tấn' });
    expect((await stored(t, '0301')).find((r) => r.disaggregation_key === 'season=summer_autumn')).toMatchObject({
      value: 2000,
      unit: 'ha',
    });
  });

  it('accepts XML report-data with the same mapping', async () => {
    const res = await api.call('bnnmt', 'POST', '/ministry/data', fixture('report-data.sample.xml'), 'application/xml');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'SUCCESS', total: 4 });
    expect((await stored(t, '0303')).filter((r) => r.org_unit_id === 'lai-chau').map((r) => [r.column_code, r.value, r.unit])).toEqual([
      ['PCT_SAME_PERIOD', 101.2, '%'],
      ['THIS_PERIOD', 78250, 'con'],
    ]);
  });

  it('refuses XXE and entity-expansion payloads before parsing, storing nothing', async () => {
    const before = await countValues(t);
    for (const name of ['xxe-external-entity.xml', 'billion-laughs.xml']) {
      const res = await api.call('bnnmt', 'POST', '/ministry/data', fixture(name), 'application/xml');
      expect([res.status, res.body.code]).toEqual([400, 'XML_FORBIDDEN_CONSTRUCT']);
    }
    expect(await countValues(t)).toBe(before);
  });

  it('answers malformed, oversized and unsupported bodies with stable codes', async () => {
    const badJson = await api.call('bnnmt', 'POST', '/ministry/data', '{"packetType": "kpi-data", ');
    expect([badJson.status, badJson.body.code]).toEqual([400, 'BODY_MALFORMED']);
    const badXml = await api.call('bnnmt', 'POST', '/ministry/data', '<ministryData packetType="kpi-data"><period', 'application/xml');
    expect([badXml.status, badXml.body.code]).toEqual([400, 'XML_MALFORMED']);
    const badYear = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data',
      '<ministryData packetType="kpi-data"><period kind="N" year="hai nghìn"/></ministryData>',
      'application/xml',
    );
    expect([badYear.status, badYear.body.code, (badYear.body.details as { violations: { field: string }[] }).violations[0]!.field]).toEqual(
      [400, 'DATA_INVALID', '/payload/period/year'],
    );
    const wrongShape = await api.call('bnnmt', 'POST', '/ministry/data', { packetType: 'kpi-data', payload: { rows: [] } });
    expect([wrongShape.status, wrongShape.body.code]).toEqual([400, 'DATA_INVALID']);
    const many = Array.from({ length: 2000 }, (_, i) => ({ indicatorCode: 'CN.TRAU', value: i, unit: 'con' }));
    const big = await api.call('bnnmt', 'POST', '/ministry/data', kpiPush(many));
    expect([big.status, big.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const bigXml = `<ministryData packetType="kpi-data">${'<observation indicatorCode="CN.TRAU" value="1" unit="con"/>'.repeat(2000)}</ministryData>`;
    const bigX = await api.call('bnnmt', 'POST', '/ministry/data', bigXml, 'application/xml');
    expect([bigX.status, bigX.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const csv = await api.call('bnnmt', 'POST', '/ministry/data', 'a,b', 'text/csv');
    expect([csv.status, csv.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('lets only ministry clients (their own ministry) and admins push', async () => {
    const body = kpiPush([{ indicatorCode: 'CN.TRAU', value: 1, unit: 'con' }]);
    expect((await api.call(null, 'POST', '/ministry/data', body)).body.code).toBe('AUTH_REQUIRED');
    expect((await api.call('entry', 'POST', '/ministry/data', body)).body.code).toBe('ROLE_FORBIDDEN');
    expect((await api.call('btc', 'POST', '/ministry/data?source=BNNMT', body)).body.code).toBe('SOURCE_FORBIDDEN');
    expect((await api.call('admin', 'POST', '/ministry/data?source=BYT', body)).body.code).toBe('SOURCE_UNKNOWN');
    expect((await api.call('admin', 'POST', '/ministry/data?source=BNNMT&dryRun=true', body)).status).toBe(200);
  });

  it('stores a push, its import record and its audit entry together, each as the response says', async () => {
    const res = await api.call(
      'bnnmt',
      'POST',
      '/ministry/data',
      kpiPush([{ indicatorCode: 'CN.TRAU', value: 4321, unit: 'con' }], { period: { kind: 'N', year: 2031 } }),
    );
    expect(res.status).toBe(200);
    const summary = res.body as { importId: string; importCount: Record<string, number> };
    expect(summary).toMatchObject({ status: 'SUCCESS', total: 1, importCount: { imported: 1, updated: 0, ignored: 0 } });
    const { rows: imports } = await t.db.query<Record<string, unknown>>(
      'SELECT source, kind, format, status, dry_run, atomic, total, processed, created_by, summary, error, finished_at FROM ministry_imports WHERE id = $1',
      [summary.importId],
    );
    expect(imports).toEqual([
      {
        source: 'BNNMT',
        kind: 'values',
        format: 'json',
        status: 'completed',
        dry_run: false,
        atomic: true,
        total: 1,
        processed: 1,
        created_by: 'client-bnnmt',
        summary: res.body,
        error: null,
        finished_at: expect.any(Date),
      },
    ]);
    const { rows: audit } = await t.db.query<Record<string, unknown>>(
      'SELECT actor, action, org_unit_id, details FROM audit_log WHERE subject = $1',
      [summary.importId],
    );
    expect(audit).toEqual([
      {
        actor: 'client-bnnmt',
        action: 'ministry.import',
        org_unit_id: 'lai-chau',
        details: { source: 'BNNMT', status: 'SUCCESS', imported: 1, updated: 0, ignored: 0, conflicts: 0 },
      },
    ]);
    const { rows: values } = await t.db.query<{ import_id: string; value: string }>(
      "SELECT import_id, value::text AS value FROM ministry_values WHERE source = 'BNNMT' AND import_id = $1",
      [summary.importId],
    );
    expect(values).toEqual([{ import_id: summary.importId, value: '4321' }]);
  });

  it('accepts a unit added after the reference cache was filled: a refusal is always re-checked against the database', async () => {
    const push = kpiPush([{ indicatorCode: 'CN.TRAU', value: 12, unit: 'con', orgCode: '000.09.99.H29' }]);
    const before = await api.call('bnnmt', 'POST', '/ministry/data', push);
    expect(before.status).toBe(409);
    expect((before.body.conflicts as { code: string }[]).map((c) => c.code)).toEqual(['ORG_UNIT_UNKNOWN']);
    const created = await api.call('admin', 'POST', '/org-units', {
      id: 'lc-x-moi',
      orgCode: '000.09.99.H29',
      name: 'Xã Mới',
      kind: 'commune',
      parentId: 'lai-chau',
    });
    expect(created.status).toBe(201);
    const after = await api.call('bnnmt', 'POST', '/ministry/data', push);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1, updated: 0, ignored: 0 }, conflicts: [] });
    const { rows } = await t.db.query<{ value: string }>(
      "SELECT value::text AS value FROM ministry_values WHERE org_unit_id = 'lc-x-moi' AND indicator_code = (SELECT indicator_code FROM ministry_values WHERE import_id = $1)",
      [after.body.importId],
    );
    expect(rows).toEqual([{ value: '12' }]);
  });
});

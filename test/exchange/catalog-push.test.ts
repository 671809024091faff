import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices, type CoreServices } from '../../src/core/core-services.js';
import { seedDemo } from '../../src/core/seed/seed-demo.js';
import { writeSubjectPackets } from '../../src/delivery/outbox.js';
import { CATALOG_TYPES } from '../../src/exchange/catalog/catalog-items.js';
import { syncCatalogs, type CatalogSyncDeps } from '../../src/exchange/catalog/catalog-sync.js';
import { sealSubjectPacket } from '../../src/exchange/packets/subject-packet.js';
import { verifyPacket } from '../../src/exchange/packets/verify-packet.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { nationalMappings, orgCredentials, trust } from './support/reports.js';

const NOW = new Date('2027-01-16T04:00:00Z');

describe('catalog push: versioned, only what changed, idempotent (real core data)', () => {
  let t: TestDatabase;
  let core: CoreServices;
  let deps: CatalogSyncDeps;
  const packets = async () =>
    (
      await t.db.query<{ packet_type: string; subject_kind: string; subject_version: number; body: string; signature: string }>(
        'SELECT packet_type, subject_kind, subject_version, body, signature FROM delivery_packets ORDER BY created_at, packet_type',
      )
    ).rows;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    core = createCoreServices(t.db, () => NOW);
    await seedDemo(core);
    deps = {
      db: t.db,
      core,
      mappings: nationalMappings,
      sender: { orgCode: '000.00.00.H29', name: 'UBND tỉnh Lai Châu' },
      seal: (input) => sealSubjectPacket({ ...input, mappingVersion: nationalMappings.version }, orgCredentials),
      send: (tx, p) => writeSubjectPackets(tx, p, NOW),
      now: () => NOW,
    };
  }, 120_000);
  afterAll(() => t.dispose());

  it('first push: every catalog type, version 1, complete, signed and valid; a dry run before it sends nothing', async () => {
    const dry = await syncCatalogs(deps, { dryRun: true });
    expect(dry.queued).toEqual([]);
    expect(dry.diffs.every((d) => d.baseVersion === 0 && d.version === 1 && d.added.length > 0)).toBe(true);
    expect(await packets()).toEqual([]);

    const first = await syncCatalogs(deps);
    expect(first.queued).toHaveLength(CATALOG_TYPES.length);
    const rows = await packets();
    expect(rows.map((r) => r.packet_type).sort()).toEqual([...CATALOG_TYPES].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ subject_kind: 'catalog', subject_version: 1 });
      expect((await verifyPacket(r.body, r.signature, trust, NOW)).ok).toBe(true);
    }
    const indicators = JSON.parse(rows.find((r) => r.packet_type === 'indicator-catalog')!.body).payload;
    expect(indicators.catalogVersion).toBe(1);
    expect(indicators.indicators.some((i: { code: string }) => i.code.startsWith('LC'))).toBe(false);
    expect(indicators.indicators.find((i: { code: string }) => i.code === '293.02.07')).toMatchObject({
      unit: 'tỷ đồng',
      groupCode: '293.02',
    });
  });

  it('nothing changed: nothing sent; one indicator renamed: indicator-catalog v2 with that one item only', async () => {
    expect((await syncCatalogs(deps)).queued).toEqual([]);
    await core.indicators.update('0207', { name: 'Tổng sản phẩm trên địa bàn (GRDP) - đã sửa' });
    const dry = await syncCatalogs(deps, { dryRun: true });
    const changed = dry.diffs.filter((d) => d.added.length + d.changed.length + d.removed.length > 0);
    expect(changed.map((d) => [d.catalogType, d.baseVersion, d.version, d.changed])).toEqual([['indicator-catalog', 1, 2, ['293.02.07']]]);
    const second = await syncCatalogs(deps);
    expect(second.queued).toHaveLength(1);
    const v2 = (await packets()).find((r) => r.packet_type === 'indicator-catalog' && r.subject_version === 2)!;
    const payload = JSON.parse(v2.body).payload;
    expect(payload).toMatchObject({ catalogVersion: 2, baseVersion: 1 });
    expect(payload.indicators).toEqual([
      expect.objectContaining({ code: '293.02.07', name: 'Tổng sản phẩm trên địa bàn (GRDP) - đã sửa' }),
    ]);
    expect((await syncCatalogs(deps)).queued).toEqual([]);
  });
});

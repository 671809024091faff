import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices, type CoreServices } from '../../src/core/core-services.js';
import { seedDemo } from '../../src/core/seed/seed-demo.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-03-10T03:00:00Z');

describe.each(testDatabases)('core catalog on $name', ({ open }) => {
  let t: TestDatabase;
  let core: CoreServices;
  beforeAll(async () => {
    t = await open();
    core = createCoreServices(t.db, () => NOW);
    await seedDemo(core);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('seeds the demo province, catalog and regimes once', async () => {
    expect(await core.orgUnits.repo.count()).toBeGreaterThanOrEqual(20);
    expect((await core.indicators.list()).length).toBeGreaterThanOrEqual(40);
    expect((await core.regimes.require('KTXH-THANG')).formCodes).toEqual(['KTXH-THANG-01']);
    expect((await core.regimes.require('KTXH-6THANG')).formCodes).toEqual(['KTXH-6THANG-01', 'KTXH-6THANG-TM']);
    expect(await seedDemo(core)).toEqual({ orgUnits: 0, indicators: 0, regimes: 0, forms: 0 });
  });

  it('keeps the re-parenting of the abolished district as history', async () => {
    const ward = await core.orgUnits.require('lc-p-tan-phong');
    expect(ward.parentId).toBe('lai-chau');
    expect(await core.orgUnits.parentAt('lc-p-tan-phong', '2024-12-31')).toBe('lc-tp-lai-chau');
    expect(await core.orgUnits.parentAt('lc-p-tan-phong', '2025-07-01')).toBe('lai-chau');
    expect(await core.orgUnits.parentAt('lc-p-tan-phong', '2000-01-01')).toBeUndefined();
    const history = await core.orgUnits.history('lc-p-quyet-thang');
    expect(history.transitions).toEqual([expect.objectContaining({ toUnitId: 'lc-p-tan-phong', effectiveOn: '2025-07-01' })]);
    expect((await core.orgUnits.require('lc-p-quyet-thang')).active).toBe(false);
    expect((await core.orgUnits.require('lc-tp-lai-chau')).active).toBe(false);
    const then = await core.orgUnits.treeOn('lai-chau', '2025-06-30');
    expect(then.children.find((c) => c.id === 'lc-tp-lai-chau')?.children.map((c) => c.id)).toContain('lc-p-tan-phong');
    await expect(core.orgUnits.treeOn('lai-chau', '2000-01-01')).rejects.toMatchObject({ code: 'ORG_UNIT_NOT_FOUND' });
  });

  it('answers subtree, ancestry and scope on the current tree', async () => {
    const tree = await core.orgUnits.tree('lai-chau');
    expect(tree.children.map((c) => c.id)).toContain('lc-p-tan-phong');
    expect(await core.orgUnits.ancestry('lc-p-tan-phong')).toEqual(['lc-p-tan-phong', 'lai-chau']);
    expect(await core.scope.isWithin('lc-x-sin-ho', 'lai-chau')).toBe(true);
    expect(await core.scope.isWithin('lc-x-sin-ho', 'lc-x-binh-lu')).toBe(false);
    expect(await core.scope.isWithin('lc-p-tan-phong', 'lc-tp-lai-chau')).toBe(false);
    expect(await core.scope.isWithin('nope', 'nope')).toBe(false);
  });

  it('re-codes a unit keeping the old code valid for its period', async () => {
    await core.orgUnits.update('lc-x-nam-nhun', { orgCode: 'H29.31.10', effectiveOn: '2026-01-01' });
    expect((await core.orgUnits.getByCode('000.10.31.H29', '2025-12-31'))?.id).toBe('lc-x-nam-nhun');
    expect((await core.orgUnits.getByCode('H29.31.10'))?.id).toBe('lc-x-nam-nhun');
    await expect(core.orgUnits.update('lc-x-muong-te', { orgCode: 'H29.31.10' })).rejects.toMatchObject({ code: 'ORG_CODE_TAKEN' });
  });

  it('refuses a tree deeper than 3 levels and cycles', async () => {
    await core.orgUnits.create({ id: 'd-test', orgCode: '000.09.30.H29', name: 'Huyện thử', kind: 'district', parentId: 'lai-chau' });
    await expect(
      core.orgUnits.create({ id: 'x', orgCode: '000.99.30.H29', name: 'Xã', kind: 'district', parentId: 'd-test' }),
    ).rejects.toMatchObject({
      code: 'ORG_UNIT_PARENT_INVALID',
    });
    await expect(core.orgUnits.reparent('lai-chau', 'd-test')).rejects.toMatchObject({ code: 'ORG_UNIT_CYCLE' });
  });

  it('refuses to redefine an indicator code with another unit', async () => {
    const existing = await core.indicators.require('0207');
    await expect(core.indicators.import([{ ...existing, unit: 'triệu đồng' }])).rejects.toMatchObject({ code: 'INDICATOR_UNIT_CONFLICT' });
    const r = await core.indicators.import([{ ...existing, name: 'Tổng thu NSNN trên địa bàn' }]);
    expect(r).toEqual({ created: [], updated: ['0207'] });
    expect((await core.indicators.list({ q: 'tổng thu nsnn' })).map((i) => i.code)).toEqual(['0207']);
    expect((await core.indicators.list({ ministryCode: 'BYT' })).every((i) => i.ministryCode === 'BYT')).toBe(true);
  });

  it('generates assignments per period idempotently, with the deadline rule', async () => {
    const first = await core.assignments.generate('KTXH-THANG', '2026-M03');
    const units = (await core.orgUnits.repo.list()).filter(
      (u) => u.active && (u.kind === 'province' || u.kind === 'department' || u.kind === 'commune'),
    );
    expect(first).toHaveLength(units.length);
    // Cut-off 14/03/2026 is a Saturday: 2 working days after → Tuesday 17/03.
    expect(first[0]!.deadline).toBe('2026-03-17');
    expect(first[0]!.period).toMatchObject({ key: '2026-M03', windowStart: '2026-02-15', windowEnd: '2026-03-14' });
    expect(await core.assignments.generate('KTXH-THANG', '2026-M03')).toEqual([]);
    const mine = await core.assignments.list({ orgUnitIds: ['lc-x-sin-ho'], periodKey: '2026-M03' });
    expect(mine).toHaveLength(1);
    await expect(core.assignments.generate('KTXH-THANG', '2026-Q1')).rejects.toMatchObject({ code: 'PERIOD_NOT_IN_REGIME' });
  });

  it('re-assigns to sub-units only, and records out-of-schedule closing', async () => {
    const [own] = await core.assignments.generate('KTXH-THANG', '2026-M04', { orgUnitIds: ['lc-so-tai-chinh'] });
    await expect(core.assignments.reassign(own!.id, ['lc-x-sin-ho'])).rejects.toMatchObject({ code: 'REASSIGN_NOT_SUB_UNIT' });
    const provinceLevel = (await core.assignments.reassign(own!.id, [])).length;
    expect(provinceLevel).toBe(0);
    const closed = await core.assignments.setStatus(own!.id, 'closed', 'Đóng sớm do sự cố mạng', 'admin-1');
    expect(closed).toMatchObject({ status: 'closed', statusNote: 'Đóng sớm do sự cố mạng' });
    expect(closed.closedAt).toBe(NOW.toISOString());
  });
});

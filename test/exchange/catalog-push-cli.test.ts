import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerCatalogPush } from '../../src/cli/commands/catalog-push.js';
import { createCoreServices, type CoreServices } from '../../src/core/core-services.js';
import { seedDemo } from '../../src/core/seed/seed-demo.js';
import { CATALOG_TYPES } from '../../src/exchange/catalog/catalog-items.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.js';

/** Runs `lienthong …` in-process; output and exit code as the binary gives them. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  process.exitCode = 0;
  const program = new Command().exitOverride();
  registerCatalogPush(program);
  try {
    await program.parseAsync(['node', 'lienthong', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * `lienthong catalog push --dry-run` as ops run it against the gateway's database: the diff of
 * each catalog against what was last pushed (added, changed, removed codes, versions), and
 * nothing queued; without --dry-run the changed catalogs are queued.
 */
describe('lienthong catalog push --dry-run shows the diff', () => {
  let t: TestDatabase;
  let core: CoreServices;
  const saved = process.env.DATABASE_URL;
  const queued = async () =>
    (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery_packets WHERE subject_kind = 'catalog'")).rows[0]!.n;

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    core = createCoreServices(t.db, () => new Date());
    await seedDemo(core);
    const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    process.env.DATABASE_URL = url.toString();
  }, 120_000);
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await t.dispose();
  });

  it('before the first push: every catalog 0 → 1 with the codes it adds; nothing is queued', async () => {
    const dry = await run('catalog', 'push', '--dry-run');
    expect(dry.code).toBe(0);
    const lines = dry.stdout.split('\n');
    for (const type of CATALOG_TYPES)
      expect(
        lines.find((l) => l.startsWith(`${type}:`)),
        type,
      ).toMatch(/phiên bản 0 → 1: \+\d+ thêm \(/);
    expect(lines.find((l) => l.startsWith('indicator-catalog:'))).toMatch(
      /^indicator-catalog: phiên bản 0 → 1: \+\d+ thêm \(293\.01\.01, /,
    );
    expect(lines.at(-1)).toBe('Chạy thử: không gửi gói tin nào');
    expect(await queued()).toBe(0);
  });

  it('after the push, one indicator renamed: only indicator-catalog 1 → 2 with that code changed', async () => {
    const pushed = await run('catalog', 'push');
    expect(pushed.stdout).toContain(`Đã xếp hàng ${CATALOG_TYPES.length} gói tin danh mục`);
    expect(await queued()).toBe(CATALOG_TYPES.length);
    await core.indicators.update('0207', { name: 'Tổng sản phẩm trên địa bàn (GRDP) - đã sửa' });
    const dry = await run('catalog', 'push', '--dry-run', '--json');
    const diffs = (JSON.parse(dry.stdout) as { diffs: { catalogType: string; baseVersion: number; version: number; changed: string[] }[] })
      .diffs;
    expect(diffs.filter((d) => d.changed.length > 0).map((d) => [d.catalogType, d.baseVersion, d.version, d.changed])).toEqual([
      ['indicator-catalog', 1, 2, ['293.02.07']],
    ]);
    const text = await run('catalog', 'push', '--dry-run', '--type', 'indicator-catalog', 'kpi-set');
    expect(text.stdout.split('\n')).toEqual([
      expect.stringMatching(/^indicator-catalog: phiên bản 1 → 2: ~1 sửa \(293\.02\.07\); \d+ mục không đổi$/),
      expect.stringMatching(/^kpi-set: không đổi \(phiên bản 1, \d+ mục\)$/),
      'Chạy thử: không gửi gói tin nào',
    ]);
    expect(await queued()).toBe(CATALOG_TYPES.length);
  });

  it('an unknown catalog type exits 2 with CATALOG_TYPE_UNKNOWN', async () => {
    const bad = await run('catalog', 'push', '--dry-run', '--type', 'org-chart');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CATALOG_TYPE_UNKNOWN');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMappings } from '../../src/exchange/mapping/check.js';
import {
  DEFAULT_CATALOG_FILE,
  DEFAULT_REGIMES_DIR,
  readCatalogIndicators,
  readRegimeForms,
} from '../../src/exchange/mapping/catalog-files.js';
import { loadMappings } from '../../src/exchange/mapping/loader.js';
import { runMappingsCheck } from '../../src/cli/commands/mappings.js';

const indicators = readCatalogIndicators(DEFAULT_CATALOG_FILE);
const forms = readRegimeForms(DEFAULT_REGIMES_DIR);
const BROKEN = 'test/exchange/fixtures/mappings-broken';

describe('mappings check', () => {
  it('finds the shipped national mapping complete, the provincial LC indicators listed as excluded', () => {
    const registry = loadMappings('mappings');
    const report = checkMappings(registry.national, indicators, forms);
    expect(report.problems).toEqual([]);
    expect(report.mapped).toBe(49);
    expect(report.excluded.map((e) => e.code)).toEqual(['LC0101', 'LC0102']);
    expect(checkMappings(registry.system('BTC')!, indicators, forms).problems).toEqual([]);
  });

  it('finds no problem in any shipped mapping with the CLI defaults (national and every ministry)', () => {
    const reports = runMappingsCheck({});
    expect(reports.map((r) => r.system)).toContain('national');
    expect(reports.flatMap((r) => r.problems)).toEqual([]);
  });

  it('lists the missing, ambiguous and unit-incompatible rows of a broken mapping', () => {
    const report = checkMappings(loadMappings(BROKEN).national, indicators, forms);
    const found = report.problems.map((p) => `${p.kind}:${p.code}`);
    expect(found).toContain('unmapped:0207');
    expect(found).toContain('ambiguous:0208');
    expect(found).toContain('unit-incompatible:0402');
  });

  it('exits 1 from the CLI on the broken fixture', () => {
    const run = (dir: string) => {
      try {
        return {
          code: 0,
          out: execFileSync('node', ['bin/lienthong.js', 'mappings', 'check', '--dir', dir, '--json'], { encoding: 'utf8' }),
        };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const broken = run(BROKEN);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)[0].problems.some((p: { code: string }) => p.code === '0207')).toBe(true);
  });

  it('refuses a mapping file that breaks the contract, naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-'));
    mkdirSync(join(dir, 'national'));
    writeFileSync(
      join(dir, 'national', 'bad.json'),
      JSON.stringify({ system: 'national', version: '2026.1', coverage: 'all', indicators: [{ provincial: '0101' }] }),
    );
    expect(() => loadMappings(dir)).toThrow(
      expect.objectContaining({ code: 'MAPPING_FILE_INVALID', message: expect.stringContaining('national/bad.json') }),
    );
    writeFileSync(join(dir, 'national', 'bad.json'), JSON.stringify({ system: 'BTC', version: '2026.1', coverage: 'all', indicators: [] }));
    expect(() => loadMappings(dir)).toThrow(
      expect.objectContaining({ code: 'MAPPING_FILE_INVALID', details: expect.objectContaining({ expected: 'national' }) }),
    );
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../seed/seed-demo.js';
import { parseIndicatorCatalog, readIndicatorCatalogFile } from './indicator-file.js';

describe('indicator catalog files', () => {
  it('reads the sample catalog as CSV and as JSON to the same indicators', () => {
    const csv = readIndicatorCatalogFile(join(FIXTURES_DIR, 'catalog', 'indicators.sample.csv'));
    const json = readIndicatorCatalogFile(join(FIXTURES_DIR, 'catalog', 'indicators.sample.json'));
    expect(csv.length).toBeGreaterThan(40);
    expect(csv.map((i) => [i.code, i.unit])).toEqual(json.map((i) => [i.code, i.unit]));
  });

  it('refuses what the API would refuse, with stable codes', () => {
    expect(() => parseIndicatorCatalog('[{"code":"X"}]', 'json')).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
    expect(() => parseIndicatorCatalog('[', 'json')).toThrow(expect.objectContaining({ code: 'JSON_INVALID' }));
    expect(() =>
      parseIndicatorCatalog('code,name,unit,periodicity,catalog,field\nX,Y,hộ,weekly,provincial,health_social\n', 'csv'),
    ).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
    const dir = mkdtempSync(join(tmpdir(), 'lt-ind-'));
    writeFileSync(join(dir, 'a.xlsx'), '');
    expect(() => readIndicatorCatalogFile(join(dir, 'a.xlsx'))).toThrow(expect.objectContaining({ code: 'FILE_TYPE_UNSUPPORTED' }));
    expect(() => readIndicatorCatalogFile(join(dir, 'missing.csv'))).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});

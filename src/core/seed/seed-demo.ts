import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewIndicator, NewRegime } from '../catalog/types.js';
import type { CoreServices } from '../core-services.js';
import type { NewForm } from '../forms/types.js';
import type { NewOrgUnit, OrgUnitTransition } from '../org-units/types.js';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

interface ProvinceFixture {
  units: (NewOrgUnit & { id: string; validFrom: string })[];
  moves?: { unitId: string; parentId: string | null; on: string }[];
  mergers?: OrgUnitTransition[];
  deactivated?: string[];
}

interface RegimeFixture {
  regime: NewRegime;
  forms: NewForm[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface SeedResult {
  orgUnits: number;
  indicators: number;
  regimes: number;
  forms: number;
}

/**
 * Loads the demo province, indicator catalog and regimes from `fixtures/`. Idempotent: what
 * already exists (by id or code) is left alone, so a second run adds nothing.
 */
export async function seedDemo(core: CoreServices, dir = FIXTURES_DIR): Promise<SeedResult> {
  const result: SeedResult = { orgUnits: 0, indicators: 0, regimes: 0, forms: 0 };
  const province = readJson<ProvinceFixture>(join(dir, 'province', 'org-units.json'));
  const unitIds = new Set((await core.orgUnits.repo.list()).map((u) => u.id));
  for (const u of province.units) {
    if (unitIds.has(u.id)) continue;
    await core.orgUnits.create({ ...u, sample: true });
    unitIds.add(u.id);
    result.orgUnits += 1;
  }
  if (result.orgUnits > 0) {
    for (const m of province.moves ?? []) await core.orgUnits.reparent(m.unitId, m.parentId, m.on);
    for (const t of province.mergers ?? []) await core.orgUnits.recordMerger(t);
    for (const id of province.deactivated ?? []) await core.orgUnits.update(id, { active: false });
  }
  const indicators = readJson<NewIndicator[]>(join(dir, 'catalog', 'indicators.sample.json'));
  const indicatorCodes = new Set((await core.indicators.list()).map((i) => i.code));
  const missing = indicators.filter((i) => !indicatorCodes.has(i.code));
  if (missing.length > 0) result.indicators = (await core.indicators.import(missing)).created.length;
  const regimesDir = join(dir, 'regimes');
  for (const file of readdirSync(regimesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const fixture = readJson<RegimeFixture>(join(regimesDir, file));
    if (!(await core.regimes.get(fixture.regime.code))) {
      await core.regimes.create(fixture.regime);
      result.regimes += 1;
    }
    for (const f of fixture.forms) {
      if (await core.forms.get(f.code)) continue;
      await core.forms.create(f);
      result.forms += 1;
    }
  }
  return result;
}

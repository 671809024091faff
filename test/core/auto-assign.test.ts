import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { coreModule } from '../../src/core/module.js';
import type { CoreServices } from '../../src/core/core-services.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';

describe('automatic assignment', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let core: CoreServices;
  const clock = { now: new Date('2027-03-20T01:00:00Z') };
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    gw = await createGateway({
      config: loadConfig({ START_SIMULATORS: 'false', SEED_DEMO: 'false' }),
      db: t.db,
      now: () => clock.now,
      modules: [coreModule],
    });
    core = gw.ctx.services.core!;
  });
  afterAll(async () => {
    await gw.close();
    await t.dispose();
  });

  it("assigns every periodic regime's forms for the period in progress and the next one when the gateway starts", async () => {
    await core.orgUnits.create({ id: 'p', orgCode: '000.00.00.H01', name: 'Tỉnh', kind: 'province', parentId: null });
    await core.orgUnits.create({ id: 'x', orgCode: '000.01.31.H01', name: 'Xã', kind: 'commune', parentId: 'p' });
    await core.indicators.create({
      code: 'A1',
      name: 'Chỉ tiêu',
      unit: 'người',
      periodicity: ['quarter'],
      catalog: 'provincial',
      field: 'health_social',
    });
    await core.regimes.create({
      code: 'Q',
      name: 'Quý',
      type: 'periodic',
      periodKinds: ['quarter'],
      deadlineRule: { workingDaysAfterCutoff: 2 },
      assignees: { kinds: ['commune'] },
    });
    await core.forms.create({
      code: 'Q-01',
      name: 'Biểu quý',
      type: 'data',
      regimeCode: 'Q',
      rows: [{ indicatorCode: 'A1', order: 1, label: 'A1', unit: 'người' }],
      columns: [{ code: 'THIS_PERIOD', label: 'Kỳ này', kind: 'number' }],
    });
    await gw.start();
    // 20 March 2027 is in the Q2 window (15/3 → 14/6): Q2 and Q3 are assigned, to the commune only.
    const list = await core.assignments.list({ regimeCode: 'Q' });
    expect(list.map((a) => [a.periodKey, a.orgUnitId])).toEqual([
      ['2027-Q2', 'x'],
      ['2027-Q3', 'x'],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlausibility } from '../core/forms/plausibility.js';
import { validateFormValues } from '../core/forms/validate-values.js';
import type { FormDefinition, NewForm } from '../core/forms/types.js';
import { FIXTURES_DIR } from '../core/seed/seed-demo.js';
import { plausibleValues, seededRandom } from './plausible-values.js';

function fixtureForm(file: string, code?: string): FormDefinition {
  const forms = JSON.parse(readFileSync(join(FIXTURES_DIR, 'regimes', file), 'utf8')).forms as NewForm[];
  const f = (code ? forms.find((x) => x.code === code) : forms[0])!;
  return { regimeCode: null, rows: [], columns: [], constraints: [], narrative: null, template: false, sample: true, ...f };
}

describe('plausibleValues', () => {
  it('fills every cell of the demo monthly form and satisfies its constraints for many seeds', () => {
    const form = fixtureForm('monthly-socio-economic.json');
    for (let seed = 1; seed <= 50; seed++) {
      const values = plausibleValues(form, seededRandom(seed));
      expect(values).toHaveLength(form.rows.length * form.columns.length);
      expect(validateFormValues(form, values)).toEqual([]);
    }
  });

  it('fills the demo forms so their required cells are there and their min-max plausibility rules do not warn', () => {
    const forms = [fixtureForm('monthly-socio-economic.json'), fixtureForm('six-month-socio-economic.json', 'KTXH-6THANG-01')];
    for (const form of forms) {
      expect(form.constraints.some((c) => c.type === 'required')).toBe(true);
      expect(form.plausibility?.map((r) => r.type).sort()).toEqual(expect.arrayContaining(['change', 'min-max']));
      for (let seed = 1; seed <= 50; seed++) {
        const values = plausibleValues(form, seededRandom(seed), { unit: `lc-x-${seed}` });
        expect(validateFormValues(form, values), form.code).toEqual([]);
        expect(checkPlausibility({ ...form, plausibility: form.plausibility!.filter((r) => r.type === 'min-max') }, values)).toEqual([]);
      }
    }
  });

  it('gives index rows (%) an index in every column, never an amount: the industrial production index and CPI near 100', () => {
    const form = fixtureForm('monthly-socio-economic.json');
    for (let seed = 1; seed <= 50; seed++) {
      const values = plausibleValues(form, seededRandom(seed));
      const of = (row: string) => values.filter((v) => v.indicatorCode === row && v.columnCode !== 'PCT_SAME_PERIOD').map((v) => v.value!);
      // The middle of each row's min-max rule: 0401 [80; 130], 0503 [95; 110].
      expect(Math.min(...of('0401'))).toBeGreaterThanOrEqual(97.4);
      expect(Math.max(...of('0401'))).toBeLessThanOrEqual(112.6);
      expect(Math.min(...of('0503'))).toBeGreaterThanOrEqual(100.2);
      expect(Math.max(...of('0503'))).toBeLessThanOrEqual(104.8);
    }
    const growth = plausibleValues(fixtureForm('six-month-socio-economic.json', 'KTXH-6THANG-01'), seededRandom(5)).find(
      (v) => v.indicatorCode === '0201' && v.columnCode === 'THIS_PERIOD',
    )!.value!;
    expect(growth).toBeGreaterThan(0);
    expect(growth).toBeLessThan(15);
  });

  it("keeps a unit's sizes from one period to the next, so the change rule warns only on a real swing", () => {
    const form = fixtureForm('monthly-socio-economic.json');
    const plan = (seed: number, unit: string) =>
      plausibleValues(form, seededRandom(seed), { unit }).find((v) => v.indicatorCode === '0210' && v.columnCode === 'PLAN')!.value;
    expect(plan(1, 'lc-x-tam-duong')).toBe(plan(2, 'lc-x-tam-duong'));
    expect(plan(1, 'lc-x-tam-duong')).not.toBe(plan(1, 'lc-x-binh-lu'));
    // Two months of the same unit: this month's figures stay within the rule's ±50 % for most pairs.
    let warned = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const [before, now] = [seed, seed + 100].map((s) => plausibleValues(form, seededRandom(s), { unit: 'lc-x-tam-duong' }));
      if (checkPlausibility(form, now!, { periodKey: '2027-M01', cells: before! }).some((w) => w.code === 'PLAUSIBILITY_CHANGE')) warned++;
    }
    expect(warned).toBeLessThan(20);
  });

  it('makes totals the sum of their parts and honours min/max and ratio rules', () => {
    const form: FormDefinition = {
      code: 'T',
      name: 'T',
      type: 'data',
      regimeCode: null,
      narrative: null,
      template: false,
      sample: true,
      rows: ['A', 'B', 'C', 'R'].map((code, i) => ({ indicatorCode: code, order: i, label: code, unit: 'người' })),
      columns: [{ code: 'THIS_PERIOD', label: 'x', kind: 'number' }],
      constraints: [
        { id: 's', type: 'sum', total: 'A', parts: ['B', 'C'] },
        { id: 'r', type: 'range', rows: ['B'], max: 10 },
        {
          id: 'q',
          type: 'ratio',
          result: { row: 'R', column: 'THIS_PERIOD' },
          numerator: { row: 'B', column: 'THIS_PERIOD' },
          denominator: { row: 'A', column: 'THIS_PERIOD' },
          factor: 100,
        },
      ],
    };
    const values = plausibleValues(form, seededRandom(7));
    const v = (row: string) => values.find((x) => x.indicatorCode === row)!.value!;
    expect(v('B')).toBeLessThanOrEqual(10);
    expect(v('A')).toBeCloseTo(v('B') + v('C'), 5);
    expect(validateFormValues(form, values)).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const form = fixtureForm('monthly-socio-economic.json');
    expect(plausibleValues(form, seededRandom(3))).toEqual(plausibleValues(form, seededRandom(3)));
    expect(plausibleValues(form, seededRandom(3))).not.toEqual(plausibleValues(form, seededRandom(4)));
  });
});

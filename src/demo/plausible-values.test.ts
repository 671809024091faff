import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFormValues } from '../core/forms/validate-values.js';
import type { FormDefinition } from '../core/forms/types.js';
import { FIXTURES_DIR } from '../core/seed/seed-demo.js';
import { plausibleValues, seededRandom } from './plausible-values.js';

function fixtureForm(file: string): FormDefinition {
  const f = JSON.parse(readFileSync(join(FIXTURES_DIR, 'regimes', file), 'utf8')).forms[0];
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

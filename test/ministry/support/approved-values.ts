import type { TestDatabase } from '../../support/databases.js';

/**
 * A sent province report of half-year 2026 with the values the BNNMT push connector maps
 * (rice output, buffalo herd and its growth, one value outside the mapping).
 */
export async function seedApprovedValues(t: TestDatabase): Promise<void> {
  const at = new Date('2026-07-10T02:00:00Z');
  await t.db.query(
    `INSERT INTO submissions (id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, state, created_by, created_at, updated_at)
     VALUES ('s1', 's1', 'lai-chau', 'KTXH-6THANG-01', 'KTXH-6THANG', '2026-H1', 'data', 'sent', 'test', $1, $1)`,
    [at],
  );
  for (const [ind, col, key, d, v] of [
    ['0302', 'THIS_PERIOD', 'crop=rice', { crop: 'rice' }, '110400'],
    ['0303', 'THIS_PERIOD', '', null, '78250'],
    ['0303', 'PCT_SAME_PERIOD', '', null, '101.2'],
    ['0202', 'THIS_PERIOD', '', null, '11873.5'],
  ] as const) {
    await t.db.query(`INSERT INTO submission_values VALUES ('s1', $1, $2, $3, $4, $5, 'test', $6)`, [
      ind,
      col,
      key,
      d ? JSON.stringify(d) : null,
      v,
      at,
    ]);
  }
}

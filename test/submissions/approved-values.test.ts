import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedSeries, indicatorsWithApprovedValues } from '../../src/core/submissions/queries/approved-values.js';
import type { SqlExecutor } from '../../src/store/database.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';

/** The read before migration 103: every approved report of the unit probed for every code. */
async function indicatorsBefore(sql: SqlExecutor, orgUnitId: string, codes: string[]): Promise<string[]> {
  const res = await sql.query<{ code: string }>(
    `SELECT c.code FROM unnest($3::text[]) AS c(code)
      WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.org_unit_id = $1 AND s.state = ANY($2)
                      AND EXISTS (SELECT 1 FROM submission_values v WHERE v.submission_id = s.id AND v.indicator_code = c.code))
      ORDER BY c.code`,
    [orgUnitId, ['approved', 'sent', 'accepted', 'correction_requested'], codes],
  );
  return res.rows.map((r) => r.code);
}

async function submission(sql: SqlExecutor, id: string, unit: string, period: string, state: string): Promise<void> {
  await sql.query(
    `INSERT INTO submissions (id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, state, created_by, created_at, updated_at)
     VALUES ($1, 'a-' || $1, $2, 'BM01', 'R', $3, 'data', $4, 't', now(), now())`,
    [id, unit, period, state],
  );
}

/** One statement per call, as the entry form saves a batch of cells. */
async function values(sql: SqlExecutor, id: string, cells: [indicator: string, column: string, value: number, disaggregation?: string][]) {
  await sql.query(
    `INSERT INTO submission_values (submission_id, indicator_code, column_code, disaggregation_key, value, entered_by, entered_at)
     SELECT $1, c->>0, c->>1, coalesce(c->>3, ''), (c->>2)::numeric, 't', now() FROM jsonb_array_elements($2::jsonb) c`,
    [id, JSON.stringify(cells)],
  );
}

const CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

describe.each(testDatabases)('approved values read service ($name)', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    const db = t.db;
    await submission(db, 's1', 'u1', '2027-M01', 'approved');
    await values(db, 's1', [
      ['A', 'THIS', 1],
      ['A', 'PLAN', 2],
      ['B', 'THIS', 3, 'sex=f'],
    ]);
    // Entered as a draft, approved later: the pair is kept at entry, the state read at the query.
    await submission(db, 's2', 'u1', '2027-M02', 'draft');
    await values(db, 's2', [
      ['A', 'THIS', 4],
      ['C', 'THIS', 5],
    ]);
    await db.query(`UPDATE submissions SET state = 'accepted' WHERE id = 's2'`);
    // Only in a report still in draft: not charted.
    await submission(db, 's3', 'u1', '2027-M03', 'draft');
    await values(db, 's3', [['D', 'THIS', 6]]);
    // Values later removed (a corrected report): the pair stays in the table, but not in the answer.
    await submission(db, 's4', 'u1', '2027-M03', 'sent');
    await values(db, 's4', [['E', 'THIS', 7]]);
    await db.query(`DELETE FROM submission_values WHERE submission_id = 's4'`);
    // The same indicator on a second form of the same period, changed later: its value is charted.
    await submission(db, 's6', 'u1', '2027-M02', 'approved');
    await values(db, 's6', [['A', 'THIS', 40]]);
    await db.query(`UPDATE submissions SET updated_at = now() + interval '1 minute' WHERE id = 's6'`);
    // Later still, but only a disaggregated cell of it: no total, so s6 still speaks for the period.
    await submission(db, 's7', 'u1', '2027-M02', 'approved');
    await values(db, 's7', [['A', 'THIS', 99, 'sex=f']]);
    await db.query(`UPDATE submissions SET updated_at = now() + interval '2 minutes' WHERE id = 's7'`);
    // Another unit's indicator.
    await submission(db, 's5', 'u2', '2027-M01', 'approved');
    await values(db, 's5', [
      ['F', 'THIS', 8],
      ['A', 'THIS', 9],
    ]);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('answers which indicators a unit reported exactly as the read before the maintained pairs did', async () => {
    for (const unit of ['u1', 'u2', 'u3']) {
      expect(await indicatorsWithApprovedValues(t.db, unit, CODES)).toEqual(await indicatorsBefore(t.db, unit, CODES));
    }
    expect(await indicatorsWithApprovedValues(t.db, 'u1', CODES)).toEqual(['A', 'B', 'C']);
    expect(await indicatorsWithApprovedValues(t.db, 'u2', CODES)).toEqual(['A', 'F']);
    expect(await indicatorsWithApprovedValues(t.db, 'u1', ['C', 'F'])).toEqual(['C']);
    expect(await indicatorsWithApprovedValues(t.db, 'u1', [])).toEqual([]);
  });

  it('keeps the (unit, indicator) pairs from the values as they are written', async () => {
    const pairs = await t.db.query<{ org_unit_id: string; indicator_code: string }>(
      'SELECT org_unit_id, indicator_code FROM submission_unit_indicators ORDER BY 1, 2',
    );
    expect(pairs.rows.map((r) => `${r.org_unit_id}/${r.indicator_code}`)).toEqual(['u1/A', 'u1/B', 'u1/C', 'u1/D', 'u1/E', 'u2/A', 'u2/F']);
  });

  it('reads a series of totals per period from the approved report changed last that holds one', async () => {
    expect(await approvedSeries(t.db, 'u1', 'A')).toEqual([
      { periodKey: '2027-M01', columnCode: 'PLAN', value: 2 },
      { periodKey: '2027-M01', columnCode: 'THIS', value: 1 },
      { periodKey: '2027-M02', columnCode: 'THIS', value: 40 },
    ]);
    expect(await approvedSeries(t.db, 'u2', 'A')).toEqual([{ periodKey: '2027-M01', columnCode: 'THIS', value: 9 }]);
    // Only a disaggregated cell: no total to chart.
    expect(await approvedSeries(t.db, 'u1', 'B')).toEqual([]);
    expect(await approvedSeries(t.db, 'u1', 'D')).toEqual([]);
  });
});

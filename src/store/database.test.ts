import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '../../test/support/databases.js';
import { splitStatements } from './migrate.js';
import { appendAudit, listAudit } from './audit-log.js';

describe.each(testDatabases)('Database conformance: $name', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('normalises types: int8 → number, numeric → string, jsonb → object, timestamptz → Date', async () => {
    const { rows } = await t.db.query<{ a: number; b: string; c: Date; d: unknown }>(
      `SELECT 7::int8 AS a, 1.25::numeric AS b, now() AS c, '{"x":[1]}'::jsonb AS d`,
    );
    expect(rows[0]).toMatchObject({ a: 7, b: '1.25', d: { x: [1] } });
    expect(rows[0]!.c).toBeInstanceOf(Date);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.query('CREATE TABLE tx_probe (v int)');
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (1)');
    });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await t.db.query<{ v: number }>('SELECT v FROM tx_probe ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual([1]);
  });

  it('has applied every migration and appends audit entries', async () => {
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((r) => r.name)).toContain('000_audit_log.sql');
    await appendAudit(t.db, { actor: 'u1', action: 'test.probe', subject: 's1', details: { k: 1 } });
    const entries = await listAudit(t.db, { subject: 's1' });
    expect(entries[0]).toMatchObject({ actor: 'u1', action: 'test.probe', details: { k: 1 } });
  });
});

describe('splitStatements', () => {
  it('keeps semicolons inside quotes and dollar-quoted bodies', () => {
    const parts = splitStatements(`-- c;\nSELECT ';';\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;`);
    expect(parts).toEqual([`SELECT ';'`, `CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql`]);
  });
});

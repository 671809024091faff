import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '../support/databases.js';

/** The persistence port's promises, on PostgreSQL and on PGlite alike. */
describe.each(testDatabases)('database port on $name', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    await t.db.exec('CREATE TABLE port_rows (id int PRIMARY KEY, label text NOT NULL)');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const insert = 'INSERT INTO port_rows (id, label) VALUES ($1, $2) RETURNING id, label';

  it('runs a prepared statement like a plain one, with new parameters on every call', async () => {
    expect((await t.db.query(insert, [1, 'một'], { prepare: 'port_insert' })).rows).toEqual([{ id: 1, label: 'một' }]);
    expect((await t.db.query(insert, [2, 'hai'], { prepare: 'port_insert' })).rows).toEqual([{ id: 2, label: 'hai' }]);
    const all = await t.db.query('SELECT id, label FROM port_rows ORDER BY id');
    expect(all).toEqual({
      rows: [
        { id: 1, label: 'một' },
        { id: 2, label: 'hai' },
      ],
      rowCount: 2,
    });
  });

  it('runs prepared statements inside a transaction, rolled back whole when it throws', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(insert, [3, 'ba'], { prepare: 'port_insert' });
        await tx.query(insert, [1, 'trùng'], { prepare: 'port_insert' });
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await t.db.query('SELECT id FROM port_rows ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    // The connection that failed is still usable for the same prepared statement.
    await t.db.transaction((tx) => tx.query(insert, [3, 'ba'], { prepare: 'port_insert' }));
    expect((await t.db.query('SELECT count(*)::int AS n FROM port_rows')).rows).toEqual([{ n: 3 }]);
  });
});

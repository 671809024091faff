import type { SqlExecutor } from '../store/database.js';

/** Display names of accounts by id: people (users) and ministry systems (clients), one query. */
export type AccountNames = (ids: readonly string[]) => Promise<Map<string, string>>;

/**
 * How a report's history and cell trail name who acted: the account's display name, resolved
 * when read (a renamed account shows its current name; ids it does not know, such as
 * `system:auto-dispatch`, are left for the reader to label).
 */
export function accountNames(sql: SqlExecutor): AccountNames {
  return async (ids) => {
    const wanted = [...new Set(ids)].filter((id) => id !== '');
    if (wanted.length === 0) return new Map();
    const { rows } = await sql.query<{ id: string; name: string }>(
      `SELECT id, display_name AS name FROM users WHERE id = ANY($1::text[])
       UNION ALL SELECT client_id AS id, name FROM ministry_clients WHERE client_id = ANY($1::text[])`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  };
}

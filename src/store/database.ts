/**
 * The one persistence port. PostgreSQL (production) and PGlite (embedded default) both
 * implement it with the same SQL, so every repository and migration runs unchanged on either.
 *
 * Type mapping is normalised across drivers: int8 → number, numeric → string (convert in the
 * repository), timestamptz → Date, json/jsonb → parsed value.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Run as a server-side prepared statement of this name (PostgreSQL: parsed and planned once
   * per connection instead of on every call; PGlite ignores it). For hot statements only, and
   * the name must always carry the same text.
   */
  prepare?: string;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

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

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

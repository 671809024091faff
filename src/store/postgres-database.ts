import pg from 'pg';
import type { Database, QueryResult, SqlExecutor } from './database.js';

// int8 (counts, ids) as number, like PGlite; values beyond 2^53 are not used in this schema.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function wrap(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const res = await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use as search_path (tests isolate themselves in a schema each). */
  schema?: string;
  max?: number;
}

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly executor: SqlExecutor;

  constructor(private readonly pool: pg.Pool) {
    this.executor = wrap(pool);
  }

  static open(options: PostgresOptions): PostgresDatabase {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    return new PostgresDatabase(pool);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.executor.query<R>(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

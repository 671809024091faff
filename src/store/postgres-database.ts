import pg from 'pg';
import { logger } from '../shared/logger.js';
import type { Database, QueryResult, SqlExecutor } from './database.js';

// int8 (counts, ids) as number, like PGlite; values beyond 2^53 are not used in this schema.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Errors that mean the server is out of reach (refused, reset, shut down, still starting), not
 * that a statement was wrong: SQLSTATE class 57P (operator intervention) and 08 (connection).
 */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
  if (code.startsWith('57P') || code.startsWith('08')) return true;
  return (
    typeof e?.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)
  );
}

function wrap(client: pg.Pool | pg.PoolClient, onError: (err: unknown) => void): SqlExecutor {
  return {
    async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      try {
        const res = await client.query(sql, params as unknown[]);
        return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
      } catch (err) {
        onError(err);
        throw err;
      }
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use as search_path (tests isolate themselves in a schema each). */
  schema?: string;
  max?: number;
}

/** Errors a lost connection raises while a client is checked out but has no query running. */
const onClientError = (err: Error) => logger.warn('database connection lost (client in use)', { error: err.message });

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly executor: SqlExecutor;
  private lost = false;

  constructor(private readonly pool: pg.Pool) {
    this.executor = wrap(pool, this.onQueryError);
    // Without an 'error' listener an idle client's lost connection (PostgreSQL restarted, network
    // cut) is an unhandled 'error' event and kills the process. The pool drops that client and
    // opens new ones on demand, so the gateway reconnects on its own: say so both ways.
    pool.on('error', (err) => this.markLost(err));
    pool.on('connect', (client) => {
      client.on('error', onClientError);
      if (this.lost) logger.info('database connection restored');
      this.lost = false;
    });
  }

  /** Logged once per outage, whichever noticed first: an idle client's error or a failed query. */
  private markLost(err: Error): void {
    if (!this.lost) logger.error('database connection lost; reconnecting on demand', { error: err.message });
    this.lost = true;
  }

  private readonly onQueryError = (err: unknown): void => {
    if (isConnectionLoss(err)) this.markLost(err as Error);
  };

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
    const client = await this.pool.connect().catch((err: unknown) => {
      this.onQueryError(err);
      throw err;
    });
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client, this.onQueryError));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A failed ROLLBACK means the connection is gone: the client must not go back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

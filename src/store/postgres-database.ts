import pg from 'pg';
import { UnavailableError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Database, QueryOptions, QueryResult, SqlExecutor } from './database.js';
import { postgresTimeouts } from './postgres-settings.js';

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
  // pg's own timeouts (DATABASE_CONNECT_TIMEOUT_SECONDS, DATABASE_QUERY_TIMEOUT_SECONDS): no answer at all.
  return (
    typeof e?.message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error|Query read timeout|timeout exceeded when trying to connect/i.test(
      e.message,
    )
  );
}

/** What a caller sees when the database is out of reach: a typed, retryable 503, not an INTERNAL_ERROR. */
export function databaseUnavailable(err: unknown): UnavailableError {
  const error = new UnavailableError('DATABASE_UNAVAILABLE', 'Cơ sở dữ liệu tạm thời không trả lời; vui lòng thử lại sau', {
    reason: (err as Error)?.message ?? String(err),
  });
  error.cause = err;
  return error;
}

interface Watch {
  onError(err: unknown): void;
  onAnswer(): void;
}

function wrap(client: pg.Pool | pg.PoolClient, watch: Watch): SqlExecutor {
  return {
    async query<R>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
      let res: pg.QueryResult;
      try {
        res = options.prepare
          ? await client.query({ name: options.prepare, text: sql, values: params })
          : await client.query(sql, params as unknown[]);
      } catch (err) {
        watch.onError(err);
        throw isConnectionLoss(err) ? databaseUnavailable(err) : err;
      }
      watch.onAnswer();
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use as search_path (tests isolate themselves in a schema each). */
  schema?: string;
  max?: number;
  /** Settings (DATABASE_*_TIMEOUT_SECONDS, see postgres-settings.ts); defaults when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Errors a lost connection raises while a client is checked out but has no query running. */
const onClientError = (err: Error) => logger.warn('database connection lost (client in use)', { error: err.message });

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly executor: SqlExecutor;
  private lost = false;

  constructor(private readonly pool: pg.Pool) {
    this.executor = wrap(pool, this.watch);
    // Without an 'error' listener an idle client's lost connection (PostgreSQL restarted, network
    // cut) is an unhandled 'error' event and kills the process. The pool drops that client and
    // opens new ones on demand, so the gateway reconnects on its own: say so both ways.
    pool.on('error', (err) => this.markLost(err));
    pool.on('connect', (client) => {
      client.on('error', onClientError);
      this.markRestored();
    });
  }

  /** A new connection, or an answer on a pooled one (a black hole that healed): the outage is over. */
  private markRestored(): void {
    if (this.lost) logger.info('database connection restored');
    this.lost = false;
  }

  /** Logged once per outage, whichever noticed first: an idle client's error or a failed query. */
  private markLost(err: Error): void {
    if (!this.lost) logger.error('database connection lost; reconnecting on demand', { error: err.message });
    this.lost = true;
  }

  private readonly watch: Watch = {
    onError: (err) => {
      if (isConnectionLoss(err)) this.markLost(err as Error);
    },
    onAnswer: () => this.markRestored(),
  };

  static open(options: PostgresOptions): PostgresDatabase {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
      ...postgresTimeouts(options.env),
    });
    return new PostgresDatabase(pool);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    return this.executor.query<R>(sql, params, options);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((err: unknown) => {
      this.watch.onError(err);
      throw isConnectionLoss(err) ? databaseUnavailable(err) : err;
    });
    const tx = wrap(client, this.watch);
    let broken: Error | undefined;
    try {
      await tx.query('BEGIN');
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      // A lost link (no answer within the query timeout) gets no ROLLBACK, which would wait as
      // long again: the client is dropped, and the server rolls back when the session ends.
      if (err instanceof UnavailableError && err.code === 'DATABASE_UNAVAILABLE') {
        broken = err;
        throw err;
      }
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
    await this.executor.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

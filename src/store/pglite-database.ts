import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, SqlExecutor } from './database.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

function wrap(target: PGlite | Transaction): SqlExecutor {
  return {
    async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const res = await target.query<R>(sql, params);
      // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows returned.
      return { rows: res.rows, rowCount: Math.max(res.affectedRows ?? 0, res.rows.length) };
    },
  };
}

/** Real Postgres compiled to WASM, in-process. One process per data folder (lockfile). */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private readonly executor: SqlExecutor;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {
    this.executor = wrap(db);
  }

  /** `dataDir` undefined → in-memory (tests). */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const lock = dataDir ? acquireDataDirLock(dataDir) : undefined;
    try {
      const db = await PGlite.create(dataDir ? { dataDir } : {});
      return new PgliteDatabase(db, lock);
    } catch (err) {
      lock?.release();
      throw err;
    }
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.executor.query<R>(sql, params);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(wrap(tx)));
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  /** PGlite's own dump of its folder (gzipped tar), what `lienthong backup` stores for the embedded store. */
  dumpDataDir(): Promise<Blob> {
    return this.db.dumpDataDir('gzip');
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    this.lock?.release();
  }
}

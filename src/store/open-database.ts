import type { Database } from './database.js';
import { migrate } from './migrate.js';

export interface StoreConfig {
  databaseUrl?: string;
  dataDir: string;
  /** Settings such as DATABASE_QUERY_TIMEOUT_SECONDS (postgres-settings.ts). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR; migrated on open. */
export async function openDatabase(config: StoreConfig): Promise<Database> {
  // Only the driver in use is loaded: PGlite's WebAssembly build costs a CLI command ~0.3 s to import.
  const db = config.databaseUrl
    ? (await import('./postgres-database.js')).PostgresDatabase.open({ connectionString: config.databaseUrl, env: config.env })
    : await (await import('./pglite-database.js')).PgliteDatabase.open(config.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

import type { Database } from './database.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';
import { migrate } from './migrate.js';

export interface StoreConfig {
  databaseUrl?: string;
  dataDir: string;
  /** Settings such as DATABASE_QUERY_TIMEOUT_SECONDS (postgres-settings.ts). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR; migrated on open. */
export async function openDatabase(config: StoreConfig): Promise<Database> {
  const db = config.databaseUrl
    ? PostgresDatabase.open({ connectionString: config.databaseUrl, env: config.env })
    : await PgliteDatabase.open(config.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

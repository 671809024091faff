import axios from 'axios';
import type { MappingSet } from '../mapping/mapping-set.js';
import { handleCatalogUpdate, type CatalogUpdateDeps } from './callback-routes.js';
import type { NationalCatalogUpdate } from './catalog-update.js';

/** Cursor row of the national catalog feed (reuses the catalog version table: version = next index). */
const FEED = 'national-catalog-feed';

/**
 * Polls the national system's catalog updates (`GET {NATIONAL_URL}/api/v1/catalog-updates?since=N`),
 * the pull twin of the signed callback: each new update runs the same mapping check. The cursor
 * is kept in the database, so a restart does not report an update twice.
 */
export async function pollCatalogFeed(ctx: CatalogUpdateDeps, baseUrl: string, mappings: MappingSet): Promise<number> {
  const cur = await ctx.db.query<{ version: number }>('SELECT version FROM exchange_catalog_versions WHERE catalog_type = $1', [FEED]);
  const since = cur.rows[0]?.version ?? 0;
  const res = await axios.get<{ updates?: NationalCatalogUpdate[]; next?: number }>(`${baseUrl}/api/v1/catalog-updates`, {
    params: { since },
    timeout: 10_000,
  });
  const updates = Array.isArray(res.data.updates) ? res.data.updates : [];
  for (const u of updates) {
    await handleCatalogUpdate(
      ctx,
      mappings,
      {
        catalogType: String(u.catalogType),
        catalogVersion: Number(u.catalogVersion) || 0,
        items: Array.isArray(u.items) ? u.items : [],
        removedCodes: Array.isArray(u.removedCodes) ? u.removedCodes.map(String) : [],
      },
      'poll',
    );
  }
  const next = typeof res.data.next === 'number' ? res.data.next : since + updates.length;
  if (next !== since) {
    await ctx.db.query(
      `INSERT INTO exchange_catalog_versions (catalog_type, version, pushed_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (catalog_type) DO UPDATE SET version = EXCLUDED.version, pushed_at = EXCLUDED.pushed_at`,
      [FEED, next, ctx.now().toISOString()],
    );
  }
  return updates.length;
}

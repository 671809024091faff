import type { CoreServices } from '../../core/core-services.js';
import type { OutboundPacket } from '../../delivery/channel.js';
import type { Database, SqlExecutor } from '../../store/database.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import type { OrgRef } from '../packets/types.js';
import type { ExchangeServices } from '../services.js';
import { catalogItems, type CatalogType, type CoreCatalog } from './catalog-items.js';
import { pushCatalogs, type CatalogPushResult } from './catalog-push.js';

/** What a catalog push needs, as the gateway and the CLI both wire it. */
export interface CatalogSyncDeps {
  db: Database;
  core: CoreServices;
  mappings: MappingSet;
  sender: OrgRef;
  seal: ExchangeServices['sealPacket'];
  send: (tx: SqlExecutor, packets: OutboundPacket[]) => Promise<string[]>;
  now: () => Date;
}

/** Reads the core's catalog once per push (regimes, forms, indicators, cut-off rules). */
export async function readCoreCatalog(core: CoreServices): Promise<CoreCatalog> {
  const [regimes, forms, indicators] = await Promise.all([core.regimes.list(), core.forms.list(), core.indicators.list({})]);
  return { regimes, forms, indicators, cutoffRules: core.cutoffRules };
}

/** One push (or dry run) of every catalog type that changed. */
export async function syncCatalogs(
  deps: CatalogSyncDeps,
  options: { dryRun?: boolean; types?: readonly CatalogType[] } = {},
): Promise<CatalogPushResult> {
  const catalog = await readCoreCatalog(deps.core);
  const unit = await deps.core.orgUnits.getByCode(deps.sender.orgCode).catch(() => null);
  return pushCatalogs(
    {
      items: async (type) => catalogItems(type, catalog, deps.mappings),
      seal: (input) => deps.seal(input),
      send: deps.send,
      sender: async () => ({ ...deps.sender, ...(unit ? { id: unit.id } : {}) }),
      transaction: (fn) => deps.db.transaction(fn),
      now: deps.now,
    },
    options,
  );
}

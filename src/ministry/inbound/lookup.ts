import type { CoreServices } from '../../core/core-services.js';
import type { MappingSet } from '../../exchange/mapping/mapping-set.js';
import type { InboundBatch } from '../types.js';
import type { ReferenceCache } from './reference-cache.js';
import type { OrgLookup, ResolveContext } from './resolver.js';

/** Org codes the batch names, resolved once: within the caller's subtree, elsewhere, or unknown (absent). */
async function orgLookup(
  core: CoreServices,
  references: ReferenceCache,
  scopeRootId: string,
  batch: InboundBatch,
  fresh: boolean,
): Promise<OrgLookup> {
  const codes = new Set<string>();
  if (batch.orgCode) codes.add(batch.orgCode);
  for (const r of batch.rows) if (r.orgCode) codes.add(r.orgCode);
  const out = new Map<string, { id: string; inScope: boolean }>();
  if (codes.size === 0) return out;
  for (const u of await references.subtree(scopeRootId, fresh)) if (codes.has(u.orgCode)) out.set(u.orgCode, { id: u.id, inScope: true });
  for (const code of codes) {
    if (out.has(code)) continue;
    const unit = await core.orgUnits.getByCode(code);
    if (unit) out.set(code, { id: unit.id, inScope: false });
  }
  return out;
}

/**
 * Loads what resolving a batch needs (catalog, org units) so the per-row work is in memory;
 * `fresh` reads past the reference cache (see ReferenceCache: a conflict is always re-checked).
 */
export async function loadResolveContext(
  core: CoreServices,
  references: ReferenceCache,
  mapping: MappingSet,
  scopeRootId: string,
  batch: InboundBatch,
  fresh = false,
): Promise<ResolveContext> {
  const [indicators, orgs] = await Promise.all([references.catalog(fresh), orgLookup(core, references, scopeRootId, batch, fresh)]);
  return { source: mapping.system, mapping, indicators, orgs };
}

import type { MappingSet } from '../mapping/mapping-set.js';
import { isExcluded } from '../mapping/types.js';

/** A catalog update published by the national system (callback or feed). */
export interface NationalCatalogUpdate {
  catalogType: string;
  catalogVersion: number;
  items: Record<string, unknown>[];
  removedCodes: string[];
}

/** Provincial indicators whose national code the update withdrew: they would no longer map. */
export interface UnmappedAfterUpdate {
  provincial: string;
  external: string;
  reason: string;
}

/**
 * The mapping check for a national catalog update: which of our mapping rules name a code the
 * national system removed (indicators, columns via report-form, dimensions). Ops are told these
 * before the next report is built against them.
 */
export function unmappedBy(update: NationalCatalogUpdate, mappings: MappingSet): UnmappedAfterUpdate[] {
  const removed = new Set(update.removedCodes);
  if (removed.size === 0) return [];
  if (update.catalogType === 'indicator-catalog' || update.catalogType === 'kpi-set') {
    return mappings.indicatorRules.flatMap((r) =>
      !isExcluded(r) && removed.has(r.external)
        ? [
            {
              provincial: r.provincial,
              external: r.external,
              reason: `Mã chỉ tiêu quốc gia ${r.external} đã bị bãi bỏ (danh mục phiên bản ${update.catalogVersion})`,
            },
          ]
        : [],
    );
  }
  if (update.catalogType === 'kpi-disaggregation-catalog') {
    return mappings.disaggregationRules.flatMap((d) =>
      removed.has(d.external)
        ? [
            {
              provincial: d.provincial,
              external: d.external,
              reason: `Phân tổ quốc gia ${d.external} đã bị bãi bỏ (phiên bản ${update.catalogVersion})`,
            },
          ]
        : [],
    );
  }
  return [];
}

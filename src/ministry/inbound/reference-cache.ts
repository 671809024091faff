import type { CoreServices } from '../../core/core-services.js';
import type { Indicator } from '../../core/catalog/types.js';
import type { OrgUnit } from '../../core/org-units/types.js';

interface Held<T> {
  value: Promise<T>;
  at: number;
}

/**
 * The catalog and the callers' org subtrees as the core area last answered them, reused for
 * `ttlMs` (MINISTRY_REFERENCE_CACHE_MS; 0 = read every time). A ministry push otherwise reads
 * the whole catalog and its client's subtree on every request: two round trips and most of the
 * rows the push then throws away.
 *
 * Safe by construction rather than by invalidation (several instances share one database):
 * - what a cached read can only get wrong is an indicator or unit removed, or a unit moved out
 *   of the client's subtree, within the last `ttlMs`;
 * - anything the cache does not know (an indicator or unit added since) is never refused on its
 *   word: the import service resolves again with `fresh()` whenever a cached resolution found a
 *   conflict, so a refusal is always the database's answer.
 * One read is shared by the requests that arrive while it runs.
 */
export class ReferenceCache {
  private indicators: Held<ReadonlyMap<string, Indicator>> | undefined;
  private readonly subtrees = new Map<string, Held<readonly OrgUnit[]>>();

  constructor(
    private readonly core: Pick<CoreServices, 'indicators' | 'orgUnits'>,
    private readonly ttlMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Whether reads are reused at all (a ttl of 0 reads every time). */
  get caching(): boolean {
    return this.ttlMs > 0;
  }

  catalog(fresh = false): Promise<ReadonlyMap<string, Indicator>> {
    this.indicators = this.hold(this.indicators, fresh, async () => {
      const list = await this.core.indicators.list();
      return new Map(list.map((i) => [i.code, i]));
    });
    return this.indicators.value;
  }

  subtree(rootId: string, fresh = false): Promise<readonly OrgUnit[]> {
    const held = this.hold(this.subtrees.get(rootId), fresh, () => this.core.orgUnits.subtree(rootId));
    this.subtrees.set(rootId, held);
    return held.value;
  }

  private hold<T>(held: Held<T> | undefined, fresh: boolean, read: () => Promise<T>): Held<T> {
    const now = this.nowMs();
    if (held && !fresh && now - held.at < this.ttlMs) return held;
    const next: Held<T> = { value: read(), at: now };
    // A failed read is never reused: the next request asks the database again.
    next.value.catch(() => {
      next.at = -Infinity;
    });
    return next;
  }
}

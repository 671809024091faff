import { describe, expect, it } from 'vitest';
import type { CoreServices } from '../../core/core-services.js';
import type { Indicator } from '../../core/catalog/types.js';
import type { OrgUnit } from '../../core/org-units/types.js';
import { ReferenceCache } from './reference-cache.js';

/** A core whose catalog and subtree reads are counted and can be made to fail. */
function fakeCore() {
  const reads = { list: 0, subtree: [] as string[] };
  let failNext = false;
  let codes = ['01'];
  const core = {
    indicators: {
      list: async () => {
        reads.list += 1;
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        return codes.map((code) => ({ code }) as Indicator);
      },
    },
    orgUnits: {
      subtree: async (root: string) => {
        reads.subtree.push(root);
        return [{ id: root, orgCode: `${root}-code` } as OrgUnit];
      },
    },
  } as unknown as Pick<CoreServices, 'indicators' | 'orgUnits'>;
  return {
    core,
    reads,
    failNextRead: () => (failNext = true),
    setCodes: (c: string[]) => (codes = c),
  };
}

describe('ReferenceCache', () => {
  it('reuses a read for ttl ms on its clock, then reads again', async () => {
    const f = fakeCore();
    let now = 1_000;
    const cache = new ReferenceCache(f.core, 5_000, () => now);
    expect([...(await cache.catalog()).keys()]).toEqual(['01']);
    f.setCodes(['01', '02']);
    now += 4_999;
    expect([...(await cache.catalog()).keys()]).toEqual(['01']);
    expect(f.reads.list).toBe(1);
    now += 1;
    expect([...(await cache.catalog()).keys()]).toEqual(['01', '02']);
    expect(f.reads.list).toBe(2);
  });

  it('shares one read between requests that arrive while it runs', async () => {
    const f = fakeCore();
    const cache = new ReferenceCache(f.core, 5_000, () => 0);
    const [a, b] = await Promise.all([cache.catalog(), cache.catalog()]);
    expect(a).toBe(b);
    expect(f.reads.list).toBe(1);
  });

  it('reads past the cache when asked for fresh data, and keeps the fresh answer', async () => {
    const f = fakeCore();
    const cache = new ReferenceCache(f.core, 5_000, () => 0);
    await cache.catalog();
    f.setCodes(['03']);
    expect([...(await cache.catalog(true)).keys()]).toEqual(['03']);
    expect([...(await cache.catalog()).keys()]).toEqual(['03']);
    expect(f.reads.list).toBe(2);
  });

  it('never reuses a failed read', async () => {
    const f = fakeCore();
    const cache = new ReferenceCache(f.core, 5_000, () => 0);
    f.failNextRead();
    await expect(cache.catalog()).rejects.toThrow('database down');
    expect([...(await cache.catalog()).keys()]).toEqual(['01']);
    expect(f.reads.list).toBe(2);
  });

  it('keeps one subtree per root', async () => {
    const f = fakeCore();
    const cache = new ReferenceCache(f.core, 5_000, () => 0);
    expect((await cache.subtree('a')).map((u) => u.id)).toEqual(['a']);
    expect((await cache.subtree('b')).map((u) => u.id)).toEqual(['b']);
    await cache.subtree('a');
    expect(f.reads.subtree).toEqual(['a', 'b']);
  });

  it('reads every time with a ttl of 0, and says it does not cache', async () => {
    const f = fakeCore();
    const cache = new ReferenceCache(f.core, 0, () => 0);
    await cache.catalog();
    await cache.catalog();
    expect(f.reads.list).toBe(2);
    expect(cache.caching).toBe(false);
    expect(new ReferenceCache(f.core, 1, () => 0).caching).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionService } from '../../src/identity/sessions.js';
import { clientsStore } from '../../src/identity/store/clients.js';
import { sessionsStore } from '../../src/identity/store/sessions.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';

/**
 * Bearer resolutions are reused for BEARER_CACHE_MS (bearer-cache.ts): revocation on the same
 * instance is immediate; another instance on the same database follows within the bound; the
 * token's own expiry is never exceeded. Two SessionServices on one database stand for two
 * gateway instances; the clock is injected.
 */
describe('bearer token cache', () => {
  let t: TestDatabase;
  let clock = new Date('2027-01-10T03:00:00Z');
  const now = () => clock;
  const at = (ms: number) => (clock = new Date(Date.parse('2027-01-10T03:00:00Z') + ms));
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    for (const id of ['c-1', 'c-2']) {
      await clientsStore.insert(
        t.db,
        {
          clientId: id,
          name: id,
          ministryCode: 'BKHDT',
          orgUnitId: 'lai-chau',
          indicatorCodes: [],
          indicatorPattern: null,
          publicKeyPem: 'unused',
          certSha256: null,
          status: 'active',
          createdAt: clock,
        },
        clock,
      );
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** Counts the lookups a resolution makes, to tell a cache hit from a database read. */
  const counting = () => {
    let reads = 0;
    const db = {
      ...t.db,
      query: (sql: string, params?: unknown[]) => {
        reads += 1;
        return t.db.query(sql, params);
      },
    } as typeof t.db;
    return { db, reads: () => reads };
  };

  it('reuses a resolution, never past BEARER_CACHE_MS; the other instance sees a revocation within that bound', async () => {
    at(0);
    const a = counting();
    const b = counting();
    const instanceA = new SessionService(a.db, now, 5000);
    const instanceB = new SessionService(b.db, now, 5000);
    const token = await instanceA.issue('bearer', 'client', 'c-1', 3600);
    expect((await instanceB.resolve(token.secret, 'bearer'))?.principal?.id).toBe('c-1');
    const afterFirst = b.reads();
    expect((await instanceB.resolve(token.secret, 'bearer'))?.principal?.id).toBe('c-1');
    expect(b.reads()).toBe(afterFirst); // served from the cache

    // Instance A disables the client: A refuses at once, B within 5 s.
    await instanceA.resolve(token.secret, 'bearer');
    await clientsStore.setStatus(t.db, 'c-1', 'disabled', clock);
    await sessionsStore.removeForSubject(t.db, 'client', 'c-1');
    expect(await instanceA.resolve(token.secret, 'bearer')).toBeNull();
    at(4999);
    // B shares this process's cache in the test, so the in-process revocation reached it too.
    expect(await instanceB.resolve(token.secret, 'bearer')).toBeNull();
  });

  it('on another process the entry lapses after BEARER_CACHE_MS and at the token expiry, whichever is first', async () => {
    at(0);
    const c = counting();
    const instance = new SessionService(c.db, now, 5000);
    const token = await instance.issue('bearer', 'client', 'c-2', 3); // expires in 3 s
    expect((await instance.resolve(token.secret, 'bearer'))?.principal?.id).toBe('c-2');
    // A revocation written by another process (straight to the table: no in-process forget).
    await t.db.query(`DELETE FROM auth_sessions WHERE subject_id = 'c-2'`);
    at(2000);
    expect((await instance.resolve(token.secret, 'bearer'))?.principal?.id).toBe('c-2'); // within the bound
    at(3000);
    expect(await instance.resolve(token.secret, 'bearer')).toBeNull(); // token expiry reached first

    const longer = await instance.issue('bearer', 'client', 'c-2', 3600);
    at(3000);
    expect((await instance.resolve(longer.secret, 'bearer'))?.principal?.id).toBe('c-2');
    await t.db.query(`DELETE FROM auth_sessions WHERE subject_id = 'c-2'`);
    at(7999);
    expect((await instance.resolve(longer.secret, 'bearer'))?.principal?.id).toBe('c-2');
    at(8000);
    expect(await instance.resolve(longer.secret, 'bearer')).toBeNull();
  });

  it('caches nothing with BEARER_CACHE_MS=0, and never a console session', async () => {
    at(0);
    const c = counting();
    const off = new SessionService(c.db, now, 0);
    const token = await off.issue('bearer', 'client', 'c-2', 3600);
    const before = c.reads();
    await off.resolve(token.secret, 'bearer');
    const one = c.reads() - before;
    expect(one).toBeGreaterThan(0);
    await off.resolve(token.secret, 'bearer');
    expect(c.reads() - before).toBe(one * 2);
    const on = counting();
    const cached = new SessionService(on.db, now, 5000);
    const session = await cached.issue('session', 'client', 'c-2', 3600);
    const issued = on.reads();
    await cached.resolve(session.secret, 'session');
    const first = on.reads() - issued;
    await cached.resolve(session.secret, 'session');
    expect(on.reads() - issued).toBe(first * 2);
  });
});

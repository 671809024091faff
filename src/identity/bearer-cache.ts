/**
 * Bearer tokens resolved in the last few seconds (BEARER_CACHE_MS, default 5000; 0 = off), so
 * a ministry system pushing hundreds of documents a second does not cost two lookups each.
 *
 * Why it is safe:
 * - an entry never outlives the token (`expiresAt`) nor BEARER_CACHE_MS, whichever is first;
 * - revocation in this process is immediate: `sessionsStore.remove` / `removeForSubject` (logout,
 *   disabling a user or client, password reset) call `forgetSecret` / `forgetSubject` here;
 * - revocation on another gateway instance reaches this one within BEARER_CACHE_MS at most
 *   (documented in docs/identity.md);
 * - only bearer tokens are cached, never console sessions (their CSRF token and pending state
 *   must be read fresh), and only resolutions that succeeded.
 * Keyed by the token's SHA-256 (never the secret) and by the database it was read from, so two
 * gateways in one process (tests) never share an entry.
 */
import type { AuthSession, SubjectKind } from './types.js';

/** What is cached: a resolution (sessions.ts `ResolvedSession`), read here only for its session. */
interface Resolution {
  session: AuthSession;
}

interface Entry {
  owner: object;
  resolved: Resolution;
  until: number;
}

/** Upper bound of cached tokens; past it the oldest go first (Map keeps insertion order). */
const MAX_ENTRIES = 10_000;
const entries = new Map<string, Entry>();

export function cachedBearer<T extends Resolution>(owner: object, hash: string, nowMs: number): T | undefined {
  const e = entries.get(hash);
  if (!e || e.owner !== owner) return undefined;
  if (e.until <= nowMs || e.resolved.session.expiresAt.getTime() <= nowMs) {
    entries.delete(hash);
    return undefined;
  }
  // Only SessionService stores entries, always of its ResolvedSession for its own database (owner).
  return e.resolved as T;
}

export function cacheBearer(owner: object, hash: string, resolved: Resolution, nowMs: number, ttlMs: number): void {
  if (ttlMs <= 0) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(hash, { owner, resolved, until: Math.min(nowMs + ttlMs, resolved.session.expiresAt.getTime()) });
}

export function forgetSecret(hash: string): void {
  entries.delete(hash);
}

/** Every cached token of one user or client (disabled, password changed, roles changed). */
export function forgetSubject(subjectKind: SubjectKind, subjectId: string): void {
  for (const [hash, e] of entries) {
    if (e.resolved.session.subjectKind === subjectKind && e.resolved.session.subjectId === subjectId) entries.delete(hash);
  }
}

import { randomBytes } from 'node:crypto';
import type { Database } from '../store/database.js';
import type { Principal } from '../http/principal.js';
import { cacheBearer, cachedBearer } from './bearer-cache.js';
import { clientsStore } from './store/clients.js';
import { secretHash, sessionsStore } from './store/sessions.js';
import { usersStore } from './store/users.js';
import type { AuthSession, MinistryClient, SubjectKind, UserWithSecret } from './types.js';

export function userPrincipal(u: UserWithSecret): Principal | null {
  if (u.status !== 'active' || !u.orgUnitId) return null;
  return { kind: 'user', id: u.id, displayName: u.displayName, roles: [...u.roles], orgUnitId: u.orgUnitId };
}

export function clientPrincipal(c: MinistryClient): Principal | null {
  if (c.status !== 'active') return null;
  return {
    kind: 'client',
    id: c.clientId,
    displayName: c.name,
    roles: ['ministry_client'],
    orgUnitId: c.orgUnitId,
    ministryCode: c.ministryCode,
  };
}

export interface IssuedSession {
  secret: string;
  csrfToken: string | null;
  expiresAt: Date;
}

/** What a presented cookie or token resolves to: the session, its subject, and the principal (null while pending). */
export interface ResolvedSession {
  session: AuthSession;
  user?: UserWithSecret;
  principal: Principal | null;
}

/**
 * Console sessions and API bearer tokens: opaque random secrets, looked up on every request so
 * that disabling an account or client takes effect immediately (no self-contained token to outlive it).
 * Bearer resolutions are kept `bearerCacheMs` at most (bearer-cache.ts: revocation here is
 * immediate, on another instance within that bound).
 */
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly bearerCacheMs = 0,
  ) {}

  async issue(kind: AuthSession['kind'], subjectKind: SubjectKind, subjectId: string, ttlSeconds: number): Promise<IssuedSession> {
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = kind === 'session' ? randomBytes(24).toString('base64url') : null;
    const at = this.now();
    const expiresAt = new Date(at.getTime() + ttlSeconds * 1000);
    await sessionsStore.insert(this.db, secret, { kind, subjectKind, subjectId, csrfToken, expiresAt }, at);
    return { secret, csrfToken, expiresAt };
  }

  async resolve(secret: string, kind: AuthSession['kind']): Promise<ResolvedSession | null> {
    if (kind !== 'bearer' || this.bearerCacheMs <= 0) return this.lookup(secret, kind);
    const hash = secretHash(secret);
    const at = this.now().getTime();
    const cached = cachedBearer<ResolvedSession>(this.db, hash, at);
    if (cached) return cached;
    const resolved = await this.lookup(secret, kind);
    if (resolved?.principal) cacheBearer(this.db, hash, resolved, at, this.bearerCacheMs);
    return resolved;
  }

  private async lookup(secret: string, kind: AuthSession['kind']): Promise<ResolvedSession | null> {
    const session = await sessionsStore.find(this.db, secret, kind, this.now());
    if (!session) return null;
    if (session.subjectKind === 'client') {
      const client = await clientsStore.get(this.db, session.subjectId);
      return client ? { session, principal: clientPrincipal(client) } : null;
    }
    const user = await usersStore.get(this.db, session.subjectId);
    if (!user || user.status === 'disabled') return null;
    return { session, user, principal: userPrincipal(user) };
  }

  async end(secret: string): Promise<void> {
    await sessionsStore.remove(this.db, secret);
  }

  async purgeExpired(): Promise<void> {
    await sessionsStore.purgeExpired(this.db, this.now());
  }
}

import { randomUUID } from 'node:crypto';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import { usersStore } from '../store/users.js';
import type { UserWithSecret } from '../types.js';
import { mapClaims, type MappingRules } from './mapping.js';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Finds or creates the local user behind an (issuer, sub). A first login is mapped by the rules;
 * an unmapped person is created 'pending' with no org unit and no roles, so they have no rights
 * until an administrator approves them. A pending person is re-mapped at each login, so a rule
 * added later takes effect; an active user keeps what administrators set.
 */
export async function linkFederatedUser(
  db: Database,
  rules: MappingRules,
  issuer: string,
  claims: Record<string, unknown> & { sub: string },
  at: Date,
): Promise<UserWithSecret> {
  return db.transaction(async (tx) => {
    const existing = await usersStore.byExternalIdentity(tx, issuer, claims.sub);
    const mapped = mapClaims(rules, claims);
    if (existing) {
      await usersStore.linkExternalIdentity(tx, { issuer, subject: claims.sub, userId: existing.id, claims, at });
      if (existing.status !== 'pending' || !mapped) return existing;
      const activated: UserWithSecret = { ...existing, status: 'active', orgUnitId: mapped.orgUnitId, roles: mapped.roles, updatedAt: at };
      await usersStore.update(tx, activated);
      await appendAudit(tx, {
        actor: 'identity-mapping',
        action: 'user.approved',
        subject: existing.id,
        orgUnitId: mapped.orgUnitId,
        details: { rule: mapped.rule, roles: mapped.roles },
      });
      return activated;
    }
    const wanted = text(claims.SoDinhDanh) ?? text(claims.email) ?? claims.sub;
    const username = (await usersStore.byUsername(tx, wanted)) ? `${wanted}@${new URL(issuer).host}` : wanted;
    const user: UserWithSecret = {
      id: randomUUID(),
      username,
      displayName: text(claims.HoVaTen) ?? text(claims.name) ?? username,
      email: text(claims.email) ?? null,
      orgUnitId: mapped?.orgUnitId ?? null,
      roles: mapped?.roles ?? [],
      status: mapped ? 'active' : 'pending',
      disabledReason: null,
      passwordHash: null,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: at,
      updatedAt: at,
    };
    await usersStore.insert(tx, user);
    await usersStore.linkExternalIdentity(tx, { issuer, subject: claims.sub, userId: user.id, claims, at });
    await appendAudit(tx, {
      actor: 'identity-mapping',
      action: 'user.created',
      subject: user.id,
      orgUnitId: user.orgUnitId ?? undefined,
      details: { issuer, username, status: user.status, rule: mapped?.rule ?? null, roles: user.roles },
    });
    return user;
  });
}

import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { Principal, Role } from '../http/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { sessionsStore } from './store/sessions.js';
import { activeLockouts, unlockAllSources } from './throttle/lockouts.js';
import { publicUser, usersStore } from './store/users.js';
import type { DisabledReason, NewUser, User, UserChange, UserStatus, UserWithSecret } from './types.js';

/** What identity asks of the org tree (core's `scope.isWithin` and `orgUnits.subtree`). */
export interface ScopeCheck {
  isWithin(unitId: string, rootId: string): Promise<boolean>;
  /** Ids of the root and every unit below it: one query for a whole list instead of one per row. */
  subtreeIds(rootId: string): Promise<Set<string>>;
}

/** Roles a person may hold; `ministry_client` belongs to systems, not people. */
export const USER_ROLES: readonly Role[] = ['admin', 'leader', 'data_entry', 'clerk', 'ops'];

/**
 * Account lifecycle (Kon Tum 6: created, changed or revoked within one working day; disabled on
 * transfer or retirement). An administrator manages accounts only inside their own org subtree;
 * every change is audited in the same transaction as the change.
 */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly scope: ScopeCheck,
    private readonly now: () => Date,
  ) {}

  async list(actor: Principal, filter: { status?: UserStatus; limit?: number } = {}): Promise<User[]> {
    this.assertAdmin(actor);
    const rows = await usersStore.list(this.db, { status: filter.status, limit: filter.limit ?? 500 });
    const subtree = await this.scope.subtreeIds(actor.orgUnitId);
    return rows.filter((u) => u.orgUnitId === null || subtree.has(u.orgUnitId)).map(publicUser);
  }

  async get(actor: Principal, id: string): Promise<User> {
    this.assertAdmin(actor);
    return publicUser(await this.loadInScope(actor, id));
  }

  async create(actor: Principal, input: NewUser): Promise<User> {
    this.assertAdmin(actor);
    await this.assertUnitInScope(actor, input.orgUnitId);
    const roles = this.checkRoles(input.roles);
    const passwordHash = input.password === undefined ? null : await this.hash(input.password);
    const at = this.now();
    const user: UserWithSecret = {
      id: randomUUID(),
      username: input.username.trim(),
      displayName: input.displayName.trim(),
      email: input.email ?? null,
      orgUnitId: input.orgUnitId,
      roles,
      status: input.status ?? 'active',
      disabledReason: null,
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.db.transaction(async (tx) => {
      if (await usersStore.byUsername(tx, user.username)) {
        throw new ConflictError('USERNAME_TAKEN', `Tên đăng nhập "${user.username}" đã tồn tại`, { username: user.username });
      }
      await usersStore.insert(tx, user);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'user.created',
        subject: user.id,
        orgUnitId: user.orgUnitId ?? undefined,
        details: { username: user.username, roles, localPassword: passwordHash !== null },
      });
    });
    return publicUser(user);
  }

  async update(actor: Principal, id: string, change: UserChange): Promise<User> {
    this.assertAdmin(actor);
    const user = await this.loadInScope(actor, id);
    if (change.orgUnitId !== undefined) await this.assertUnitInScope(actor, change.orgUnitId);
    const next: UserWithSecret = {
      ...user,
      displayName: change.displayName?.trim() ?? user.displayName,
      email: change.email === undefined ? user.email : change.email,
      orgUnitId: change.orgUnitId ?? user.orgUnitId,
      roles: change.roles ? this.checkRoles(change.roles) : user.roles,
      passwordHash: change.password === undefined ? user.passwordHash : await this.hash(change.password),
      updatedAt: this.now(),
    };
    const fields = Object.keys(change).filter((k) => k !== 'password');
    await this.db.transaction(async (tx) => {
      await usersStore.update(tx, next);
      // Moving a person or changing their rights ends their sessions: old rights must not linger.
      if (change.orgUnitId !== undefined || change.roles !== undefined || change.password !== undefined) {
        await sessionsStore.removeForSubject(tx, 'user', id);
      }
      await appendAudit(tx, {
        actor: actor.id,
        action: 'user.changed',
        subject: id,
        orgUnitId: next.orgUnitId ?? undefined,
        details: {
          fields,
          passwordChanged: change.password !== undefined,
          before: { orgUnitId: user.orgUnitId, roles: user.roles },
          after: { orgUnitId: next.orgUnitId, roles: next.roles },
        },
      });
    });
    return publicUser(next);
  }

  async disable(actor: Principal, id: string, reason: DisabledReason, note?: string): Promise<User> {
    this.assertAdmin(actor);
    const user = await this.loadInScope(actor, id);
    if (user.id === actor.id) throw new ConflictError('USER_SELF_DISABLE', 'Không thể tự vô hiệu hóa tài khoản của mình');
    const next: UserWithSecret = { ...user, status: 'disabled', disabledReason: reason, updatedAt: this.now() };
    await this.db.transaction(async (tx) => {
      await usersStore.update(tx, next);
      await sessionsStore.removeForSubject(tx, 'user', id);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'user.disabled',
        subject: id,
        orgUnitId: user.orgUnitId ?? undefined,
        details: { reason, note },
      });
    });
    return publicUser(next);
  }

  /** Accounts within the admin's subtree locked out from at least one source now: what an unlock is for. */
  async locked(actor: Principal): Promise<{ user: User; sources: number; lockedUntil: Date }[]> {
    this.assertAdmin(actor);
    const locks = await activeLockouts(this.db, this.now());
    const subtree = await this.scope.subtreeIds(actor.orgUnitId);
    const out: { user: User; sources: number; lockedUntil: Date }[] = [];
    for (const lock of locks) {
      const user = await usersStore.get(this.db, lock.userId);
      if (user && (user.orgUnitId === null || subtree.has(user.orgUnitId)))
        out.push({ user: publicUser(user), sources: lock.sources, lockedUntil: lock.lockedUntil });
    }
    return out;
  }

  /** Lifts every lockout of the account (all sources); audited with how many were active. */
  async unlock(actor: Principal, id: string): Promise<{ user: User; unlocked: number }> {
    this.assertAdmin(actor);
    const user = await this.loadInScope(actor, id);
    const at = this.now();
    const unlocked = await this.db.transaction(async (tx) => {
      const n = await unlockAllSources(tx, id, at);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'user.unlocked',
        subject: id,
        orgUnitId: user.orgUnitId ?? undefined,
        details: { activeLocks: n },
      });
      return n;
    });
    return { user: publicUser(user), unlocked };
  }

  /** A pending (first-login, unmapped) person receives an org unit and roles from an administrator. */
  async approve(actor: Principal, id: string, grant: { orgUnitId: string; roles: Role[] }): Promise<User> {
    this.assertAdmin(actor);
    const user = await this.load(id);
    if (user.status !== 'pending')
      throw new ConflictError('USER_NOT_PENDING', 'Tài khoản không ở trạng thái chờ phê duyệt', { status: user.status });
    await this.assertUnitInScope(actor, grant.orgUnitId);
    const next: UserWithSecret = {
      ...user,
      status: 'active',
      orgUnitId: grant.orgUnitId,
      roles: this.checkRoles(grant.roles),
      updatedAt: this.now(),
    };
    await this.db.transaction(async (tx) => {
      await usersStore.update(tx, next);
      await sessionsStore.removeForSubject(tx, 'user', id);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'user.approved',
        subject: id,
        orgUnitId: grant.orgUnitId,
        details: { roles: next.roles },
      });
    });
    return publicUser(next);
  }

  private assertAdmin(actor: Principal): void {
    if (actor.kind !== 'user' || !actor.roles.includes('admin')) {
      throw new ForbiddenError('ROLE_FORBIDDEN', 'Requires one of the roles: admin', { required: ['admin'] });
    }
  }

  private async assertUnitInScope(actor: Principal, unitId: string): Promise<void> {
    if (!(await this.scope.isWithin(unitId, actor.orgUnitId))) {
      throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'This org unit is outside your unit', { orgUnitId: unitId });
    }
  }

  private async load(id: string): Promise<UserWithSecret> {
    const user = await usersStore.get(this.db, id);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `No user ${id}`, { id });
    return user;
  }

  private async loadInScope(actor: Principal, id: string): Promise<UserWithSecret> {
    const user = await this.load(id);
    if (user.orgUnitId !== null) await this.assertUnitInScope(actor, user.orgUnitId);
    return user;
  }

  private checkRoles(roles: Role[]): Role[] {
    const bad = roles.filter((r) => !USER_ROLES.includes(r));
    if (bad.length > 0)
      throw new ValidationError('ROLE_UNKNOWN', `Vai trò không hợp lệ: ${bad.join(', ')}`, { rejected: bad, allowed: USER_ROLES });
    return [...new Set(roles)];
  }

  private async hash(password: string): Promise<string> {
    const problem = passwordProblem(password);
    if (problem) throw new ValidationError('PASSWORD_WEAK', problem);
    return hashPassword(password);
  }
}

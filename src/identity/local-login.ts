import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { IdentityConfig } from './config.js';
import { refuse } from './audit.js';
import { authLogins } from './metrics.js';
import { verifyPassword } from './passwords.js';
import { usersStore } from './store/users.js';
import type { UserWithSecret } from './types.js';

/**
 * Local accounts (fallback when VNConnect is unavailable): username + scrypt password, locked
 * for LOCKOUT_SECONDS after LOCKOUT_THRESHOLD consecutive failures. The same message answers an
 * unknown user and a wrong password, so the endpoint does not reveal which usernames exist.
 */
export class LocalLogin {
  constructor(private readonly db: Database, private readonly config: IdentityConfig, private readonly now: () => Date) {}

  async authenticate(username: string, password: string): Promise<UserWithSecret> {
    const at = this.now();
    const user = await usersStore.byUsername(this.db, username);
    const actor = username.slice(0, 100);
    if (!user) {
      // Hash anyway so an unknown username costs the same time as a known one.
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      throw await refuse(this.db, 401, 'CREDENTIALS_INVALID', 'Tên đăng nhập hoặc mật khẩu không đúng', { actor });
    }
    if (user.lockedUntil && user.lockedUntil > at) {
      throw await refuse(this.db, 401, 'ACCOUNT_LOCKED', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần', {
        actor, details: { lockedUntil: user.lockedUntil.toISOString() },
      });
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.recordFailure(user, actor, at);
      throw await refuse(this.db, 401, 'CREDENTIALS_INVALID', 'Tên đăng nhập hoặc mật khẩu không đúng', { actor });
    }
    if (user.status === 'disabled') {
      throw await refuse(this.db, 403, 'ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa', { actor, details: { reason: user.disabledReason } });
    }
    if (user.status === 'pending') {
      throw await refuse(this.db, 403, 'ACCOUNT_PENDING', 'Tài khoản đang chờ phê duyệt', { actor });
    }
    if (user.failedAttempts > 0 || user.lockedUntil) await usersStore.clearFailures(this.db, user.id);
    await appendAudit(this.db, { actor: user.id, action: 'auth.login', subject: user.id, orgUnitId: user.orgUnitId ?? undefined, details: { method: 'password' } });
    authLogins.inc({ method: 'password' });
    return user;
  }

  private async recordFailure(user: UserWithSecret, actor: string, at: Date): Promise<void> {
    const failures = await usersStore.recordFailure(this.db, user.id, null);
    if (failures < this.config.lockoutThreshold) return;
    const until = new Date(at.getTime() + this.config.lockoutSeconds * 1000);
    await this.db.transaction(async (tx) => {
      await usersStore.lock(tx, user.id, until);
      await appendAudit(tx, { actor, action: 'user.locked', subject: user.id, orgUnitId: user.orgUnitId ?? undefined, details: { failures, lockedUntil: until.toISOString() } });
    });
  }
}

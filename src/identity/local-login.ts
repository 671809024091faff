import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { IdentityConfig } from './config.js';
import { refuse } from './audit.js';
import { authLogins } from './metrics.js';
import { verifyPassword } from './passwords.js';
import { usersStore } from './store/users.js';
import { LockoutStore } from './throttle/lockouts.js';
import type { UserWithSecret } from './types.js';

/**
 * Local accounts (fallback when VNConnect is unavailable): username + scrypt password. After
 * LOCKOUT_THRESHOLD consecutive failures from one source (client address) that source is locked
 * out of that account for LOCKOUT_SECONDS, doubling on each further lock up to LOCKOUT_MAX_SECONDS;
 * the account stays open to its owner elsewhere, so an outsider cannot lock anyone out. The same
 * message answers an unknown user and a wrong password, so the endpoint does not reveal which
 * usernames exist.
 */
export class LocalLogin {
  readonly lockouts: LockoutStore;

  constructor(
    private readonly db: Database,
    private readonly config: IdentityConfig,
    private readonly now: () => Date,
  ) {
    this.lockouts = new LockoutStore(db, {
      threshold: config.lockoutThreshold,
      seconds: config.lockoutSeconds,
      maxSeconds: config.lockoutMaxSeconds,
    });
  }

  async authenticate(username: string, password: string, source = 'unknown'): Promise<UserWithSecret> {
    const at = this.now();
    const user = await usersStore.byUsername(this.db, username);
    const actor = username.slice(0, 100);
    if (!user) {
      // Hash anyway so an unknown username costs the same time as a known one.
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      throw await refuse(this.db, 401, 'CREDENTIALS_INVALID', 'Tên đăng nhập hoặc mật khẩu không đúng', { actor });
    }
    const lockedUntil =
      (await this.lockouts.lockedUntil(user.id, source, at)) ?? (user.lockedUntil && user.lockedUntil > at ? user.lockedUntil : undefined);
    if (lockedUntil) {
      throw await refuse(this.db, 401, 'ACCOUNT_LOCKED', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần', {
        actor,
        details: { lockedUntil: lockedUntil.toISOString(), retryAfterSeconds: Math.ceil((lockedUntil.getTime() - at.getTime()) / 1000) },
      });
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.recordFailure(user, actor, source, at);
      throw await refuse(this.db, 401, 'CREDENTIALS_INVALID', 'Tên đăng nhập hoặc mật khẩu không đúng', { actor });
    }
    if (user.status === 'disabled') {
      throw await refuse(this.db, 403, 'ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa', {
        actor,
        details: { reason: user.disabledReason },
      });
    }
    if (user.status === 'pending') {
      throw await refuse(this.db, 403, 'ACCOUNT_PENDING', 'Tài khoản đang chờ phê duyệt', { actor });
    }
    if (user.failedAttempts > 0 || user.lockedUntil) await usersStore.clearFailures(this.db, user.id);
    await this.lockouts.clear(user.id, source);
    await appendAudit(this.db, {
      actor: user.id,
      action: 'auth.login',
      subject: user.id,
      orgUnitId: user.orgUnitId ?? undefined,
      details: { method: 'password' },
    });
    authLogins.inc({ method: 'password' });
    return user;
  }

  private async recordFailure(user: UserWithSecret, actor: string, source: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const until = await this.lockouts.recordFailure(tx, user.id, source, at);
      if (!until) return;
      await appendAudit(tx, {
        actor,
        action: 'user.locked',
        subject: user.id,
        orgUnitId: user.orgUnitId ?? undefined,
        details: { source, lockedUntil: until.toISOString() },
      });
    });
  }
}

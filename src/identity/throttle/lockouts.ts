import type { Database, SqlExecutor } from '../../store/database.js';

export interface LockoutPolicy {
  /** Consecutive failures from one source on one account before that source is locked out of it. */
  threshold: number;
  /** First lock; each further lock of the same pair doubles, up to maxSeconds. */
  seconds: number;
  maxSeconds: number;
}

interface Row {
  failures: number;
  lock_level: number;
  locked_until: Date | string | null;
}

/** Lockouts per (account, source) in `login_lockouts` (migration 070): shared by every instance. */
export class LockoutStore {
  constructor(
    private readonly db: Database,
    private readonly policy: LockoutPolicy,
  ) {}

  /** When this source is locked out of this account, the end of the lock. */
  async lockedUntil(userId: string, source: string, at: Date): Promise<Date | undefined> {
    const res = await this.db.query<Row>(
      'SELECT failures, lock_level, locked_until FROM login_lockouts WHERE user_id = $1 AND source = $2',
      [userId, source],
    );
    const until = res.rows[0]?.locked_until;
    if (!until) return undefined;
    const d = new Date(until);
    return d > at ? d : undefined;
  }

  /** Counts a failure; returns the lock's end when this failure locked the pair. */
  async recordFailure(tx: SqlExecutor, userId: string, source: string, at: Date): Promise<Date | undefined> {
    const res = await tx.query<Row>(
      `INSERT INTO login_lockouts (user_id, source, failures, lock_level, locked_until, updated_at) VALUES ($1, $2, 1, 0, NULL, $3::timestamptz)
       ON CONFLICT (user_id, source) DO UPDATE SET failures = login_lockouts.failures + 1, updated_at = EXCLUDED.updated_at
       RETURNING failures, lock_level, locked_until`,
      [userId, source, at.toISOString()],
    );
    const row = res.rows[0]!;
    if (row.failures < this.policy.threshold) return undefined;
    const seconds = Math.min(this.policy.maxSeconds, this.policy.seconds * 2 ** row.lock_level);
    const until = new Date(at.getTime() + seconds * 1000);
    await tx.query(
      'UPDATE login_lockouts SET failures = 0, lock_level = lock_level + 1, locked_until = $3::timestamptz WHERE user_id = $1 AND source = $2',
      [userId, source, until.toISOString()],
    );
    return until;
  }

  /** A successful login from this source forgets its failures and backoff. */
  async clear(userId: string, source: string): Promise<void> {
    await this.db.query('DELETE FROM login_lockouts WHERE user_id = $1 AND source = $2', [userId, source]);
  }
}

/** Admin unlock: every source of the account; returns how many locks were active. */
export async function unlockAllSources(tx: SqlExecutor, userId: string, at: Date): Promise<number> {
  const res = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM login_lockouts WHERE user_id = $1 AND locked_until > $2::timestamptz',
    [userId, at.toISOString()],
  );
  await tx.query('DELETE FROM login_lockouts WHERE user_id = $1', [userId]);
  await tx.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [userId]);
  return res.rows[0]?.n ?? 0;
}

/** An account with at least one source locked out of it now (the console's "Tài khoản bị khóa"). */
export interface ActiveLockout {
  userId: string;
  /** How many sources are locked out of the account. */
  sources: number;
  /** When the last of those locks ends. */
  lockedUntil: Date;
}

/** Accounts locked out from at least one source at `at`, the longest lock first. */
export async function activeLockouts(db: SqlExecutor, at: Date): Promise<ActiveLockout[]> {
  const res = await db.query<{ user_id: string; sources: number; until: Date | string }>(
    `SELECT user_id, count(*)::int AS sources, max(locked_until) AS until FROM login_lockouts
      WHERE locked_until > $1::timestamptz GROUP BY user_id ORDER BY max(locked_until) DESC, user_id`,
    [at.toISOString()],
  );
  return res.rows.map((r) => ({ userId: r.user_id, sources: r.sources, lockedUntil: new Date(r.until) }));
}

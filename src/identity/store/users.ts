import type { SqlExecutor } from '../../store/database.js';
import { forgetSubject } from '../bearer-cache.js';
import type { Role } from '../../http/principal.js';
import type { DisabledReason, User, UserStatus, UserWithSecret } from '../types.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  org_unit_id: string | null;
  roles: Role[];
  status: UserStatus;
  disabled_reason: DisabledReason | null;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toUser(r: UserRow): UserWithSecret {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    orgUnitId: r.org_unit_id,
    roles: r.roles,
    status: r.status,
    disabledReason: r.disabled_reason,
    passwordHash: r.password_hash,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Strips the password hash before a user leaves the repository for a route or a log. */
export function publicUser(u: UserWithSecret): User {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

/** Users and their external (OIDC) identities. Every method takes the executor so callers choose the transaction. */
export const usersStore = {
  async get(sql: SqlExecutor, id: string): Promise<UserWithSecret | null> {
    const res = await sql.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return res.rows[0] ? toUser(res.rows[0]) : null;
  },

  async byUsername(sql: SqlExecutor, username: string): Promise<UserWithSecret | null> {
    const res = await sql.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
    return res.rows[0] ? toUser(res.rows[0]) : null;
  },

  async list(sql: SqlExecutor, filter: { status?: UserStatus; limit: number }): Promise<UserWithSecret[]> {
    const res = await sql.query<UserRow>('SELECT * FROM users WHERE ($1::text IS NULL OR status = $1) ORDER BY username LIMIT $2', [
      filter.status ?? null,
      filter.limit,
    ]);
    return res.rows.map(toUser);
  },

  async insert(sql: SqlExecutor, u: Omit<UserWithSecret, 'failedAttempts' | 'lockedUntil' | 'disabledReason'>): Promise<void> {
    await sql.query(
      `INSERT INTO users (id, username, display_name, email, org_unit_id, roles, status, password_hash, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [u.id, u.username, u.displayName, u.email, u.orgUnitId, JSON.stringify(u.roles), u.status, u.passwordHash, u.createdAt, u.updatedAt],
    );
  },

  async update(sql: SqlExecutor, u: UserWithSecret): Promise<void> {
    // Roles, unit or status may change: no cached bearer keeps the old principal (bearer-cache.ts).
    forgetSubject('user', u.id);
    await sql.query(
      `UPDATE users SET display_name=$2, email=$3, org_unit_id=$4, roles=$5, status=$6, disabled_reason=$7,
       password_hash=$8, failed_attempts=$9, locked_until=$10, updated_at=$11 WHERE id=$1`,
      [
        u.id,
        u.displayName,
        u.email,
        u.orgUnitId,
        JSON.stringify(u.roles),
        u.status,
        u.disabledReason,
        u.passwordHash,
        u.failedAttempts,
        u.lockedUntil,
        u.updatedAt,
      ],
    );
  },

  async recordFailure(sql: SqlExecutor, id: string, lockedUntil: Date | null): Promise<number> {
    const res = await sql.query<{ failed_attempts: number }>(
      'UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = COALESCE($2, locked_until) WHERE id = $1 RETURNING failed_attempts',
      [id, lockedUntil],
    );
    return res.rows[0]?.failed_attempts ?? 0;
  },

  async lock(sql: SqlExecutor, id: string, until: Date): Promise<void> {
    await sql.query('UPDATE users SET locked_until = $2, failed_attempts = 0 WHERE id = $1', [id, until]);
  },

  async clearFailures(sql: SqlExecutor, id: string): Promise<void> {
    await sql.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
  },

  async byExternalIdentity(sql: SqlExecutor, issuer: string, subject: string): Promise<UserWithSecret | null> {
    const res = await sql.query<UserRow>(
      'SELECT u.* FROM users u JOIN external_identities e ON e.user_id = u.id WHERE e.issuer = $1 AND e.subject = $2',
      [issuer, subject],
    );
    return res.rows[0] ? toUser(res.rows[0]) : null;
  },

  async linkExternalIdentity(
    sql: SqlExecutor,
    link: { issuer: string; subject: string; userId: string; claims: Record<string, unknown>; at: Date },
  ): Promise<void> {
    await sql.query(
      `INSERT INTO external_identities (issuer, subject, user_id, claims, created_at, last_login_at) VALUES ($1,$2,$3,$4,$5,$5)
       ON CONFLICT (issuer, subject) DO UPDATE SET claims = EXCLUDED.claims, last_login_at = EXCLUDED.last_login_at`,
      [link.issuer, link.subject, link.userId, JSON.stringify(link.claims), link.at],
    );
  },
};

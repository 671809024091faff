import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../../store/database.js';
import { forgetSecret, forgetSubject } from '../bearer-cache.js';
import type { AuthSession, SubjectKind } from '../types.js';

/** Only the hash of a session id or bearer token is stored: a database leak yields no usable secret. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

interface SessionRow {
  kind: 'session' | 'bearer';
  subject_kind: SubjectKind;
  subject_id: string;
  csrf_token: string | null;
  expires_at: Date;
}

export const sessionsStore = {
  async insert(sql: SqlExecutor, secret: string, s: AuthSession, at: Date): Promise<void> {
    await sql.query(
      `INSERT INTO auth_sessions (id_hash, kind, subject_kind, subject_id, csrf_token, created_at, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [secretHash(secret), s.kind, s.subjectKind, s.subjectId, s.csrfToken, at, s.expiresAt],
    );
  },

  async find(sql: SqlExecutor, secret: string, kind: AuthSession['kind'], now: Date): Promise<AuthSession | null> {
    const res = await sql.query<SessionRow>(
      'SELECT kind, subject_kind, subject_id, csrf_token, expires_at FROM auth_sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3',
      [secretHash(secret), kind, now],
    );
    const r = res.rows[0];
    return r
      ? { kind: r.kind, subjectKind: r.subject_kind, subjectId: r.subject_id, csrfToken: r.csrf_token, expiresAt: r.expires_at }
      : null;
  },

  async remove(sql: SqlExecutor, secret: string): Promise<void> {
    forgetSecret(secretHash(secret));
    await sql.query('DELETE FROM auth_sessions WHERE id_hash = $1', [secretHash(secret)]);
  },

  /** Disabling an account ends every session and token it holds at once. */
  async removeForSubject(sql: SqlExecutor, subjectKind: SubjectKind, subjectId: string): Promise<void> {
    forgetSubject(subjectKind, subjectId);
    await sql.query('DELETE FROM auth_sessions WHERE subject_kind = $1 AND subject_id = $2', [subjectKind, subjectId]);
  },

  async purgeExpired(sql: SqlExecutor, now: Date): Promise<void> {
    await sql.query('DELETE FROM auth_sessions WHERE expires_at <= $1', [now]);
    await sql.query('DELETE FROM used_token_ids WHERE expires_at <= $1', [now]);
    await sql.query('DELETE FROM oidc_login_states WHERE expires_at <= $1', [now]);
  },
};

/** One-time values (nonces, jtis): true the first time a value is seen, false on a replay. */
export async function markUsedOnce(sql: SqlExecutor, kind: 'nonce' | 'jti', value: string, expiresAt: Date): Promise<boolean> {
  const res = await sql.query('INSERT INTO used_token_ids (kind, value, expires_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [
    kind,
    value,
    expiresAt,
  ]);
  return res.rowCount === 1;
}

export interface OidcLoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
  expiresAt: Date;
}

export const oidcStatesStore = {
  async insert(sql: SqlExecutor, s: OidcLoginState): Promise<void> {
    await sql.query('INSERT INTO oidc_login_states (state, nonce, code_verifier, return_to, expires_at) VALUES ($1,$2,$3,$4,$5)', [
      s.state,
      s.nonce,
      s.codeVerifier,
      s.returnTo,
      s.expiresAt,
    ]);
  },

  /** Reads and deletes in one statement, so a state is consumed at most once. */
  async take(sql: SqlExecutor, state: string, now: Date): Promise<OidcLoginState | null> {
    const res = await sql.query<{ state: string; nonce: string; code_verifier: string; return_to: string | null; expires_at: Date }>(
      'DELETE FROM oidc_login_states WHERE state = $1 RETURNING *',
      [state],
    );
    const r = res.rows[0];
    if (!r || r.expires_at <= now) return null;
    return { state: r.state, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to, expiresAt: r.expires_at };
  },
};

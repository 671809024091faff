import type pg from 'pg';
import { ValidationError } from '../shared/errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The bounds of every wait on PostgreSQL; 0 turns one off. Defaults in seconds. */
const SETTINGS = {
  /** Opening a connection, and waiting for a free one in the pool. */
  connect: ['DATABASE_CONNECT_TIMEOUT_SECONDS', 10],
  /** Client side: a statement with no answer (a network black hole) fails and its connection is dropped. */
  query: ['DATABASE_QUERY_TIMEOUT_SECONDS', 30],
  /** Server side: PostgreSQL cancels a statement running longer (off by default: migrations). */
  statement: ['DATABASE_STATEMENT_TIMEOUT_SECONDS', 0],
  /** Server side: a session whose client vanished mid-transaction is ended, and its locks released. */
  idleInTransaction: ['DATABASE_IDLE_IN_TRANSACTION_SECONDS', 60],
  /** TCP keepalive probes start after this much idle time, so a dead idle link is noticed. */
  keepAlive: ['DATABASE_KEEPALIVE_SECONDS', 10],
} as const;

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new ValidationError('CONFIG_INVALID', `${name} must be a number of seconds ≥ 0, got "${raw}"`, { name });
  return n;
}

export type PostgresTimeouts = Pick<
  pg.PoolConfig,
  | 'connectionTimeoutMillis'
  | 'query_timeout'
  | 'statement_timeout'
  | 'idle_in_transaction_session_timeout'
  | 'keepAlive'
  | 'keepAliveInitialDelayMillis'
>;

/**
 * pg waits forever by default: on a link that silently drops packets (a firewall, a partition)
 * every request would hang until the network heals. These bounds make it fail instead, with
 * DATABASE_UNAVAILABLE (503), and the pool opens new connections once the server answers again.
 */
export function postgresTimeouts(env: Env = {}): PostgresTimeouts {
  const ms = (key: keyof typeof SETTINGS) => Math.round(seconds(env, SETTINGS[key][0], SETTINGS[key][1]) * 1000);
  const keepAlive = ms('keepAlive');
  const connect = ms('connect');
  const query = ms('query');
  const statement = ms('statement');
  const idle = ms('idleInTransaction');
  return {
    ...(connect > 0 ? { connectionTimeoutMillis: connect } : {}),
    ...(query > 0 ? { query_timeout: query } : {}),
    ...(statement > 0 ? { statement_timeout: statement } : {}),
    ...(idle > 0 ? { idle_in_transaction_session_timeout: idle } : {}),
    keepAlive: keepAlive > 0,
    ...(keepAlive > 0 ? { keepAliveInitialDelayMillis: keepAlive } : {}),
  };
}

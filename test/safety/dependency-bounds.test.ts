import { describe, expect, it } from 'vitest';
import { redisLinkSettings } from '../../src/shared/redis-link.js';
import { postgresTimeouts } from '../../src/store/postgres-settings.js';

/** The settings that bound every wait on PostgreSQL and Redis: defaults, overrides, refusals. */
describe('bounds on waits for PostgreSQL and Redis (settings)', () => {
  it('bounds PostgreSQL by default (connect, statement answer, idle transaction, keepalive), statement_timeout off', () => {
    expect(postgresTimeouts({})).toEqual({
      connectionTimeoutMillis: 10_000,
      query_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
  });

  it('takes seconds from the environment, 0 turning a bound off', () => {
    expect(
      postgresTimeouts({
        DATABASE_CONNECT_TIMEOUT_SECONDS: '2.5',
        DATABASE_QUERY_TIMEOUT_SECONDS: '0',
        DATABASE_STATEMENT_TIMEOUT_SECONDS: '20',
        DATABASE_KEEPALIVE_SECONDS: '0',
      }),
    ).toEqual({ connectionTimeoutMillis: 2_500, statement_timeout: 20_000, idle_in_transaction_session_timeout: 60_000, keepAlive: false });
  });

  it('refuses a bad value with CONFIG_INVALID naming the setting', () => {
    expect(() => postgresTimeouts({ DATABASE_QUERY_TIMEOUT_SECONDS: 'mãi mãi' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { name: 'DATABASE_QUERY_TIMEOUT_SECONDS' } }),
    );
    expect(() => redisLinkSettings({ REDIS_COMMAND_TIMEOUT_SECONDS: '0' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { name: 'REDIS_COMMAND_TIMEOUT_SECONDS' } }),
    );
  });

  it('bounds Redis by default and takes seconds from the environment', () => {
    expect(redisLinkSettings({})).toEqual({ connectTimeoutMs: 10_000, commandTimeoutMs: 5_000, pingIntervalMs: 5_000 });
    expect(redisLinkSettings({ REDIS_CONNECT_TIMEOUT_SECONDS: '3', REDIS_PING_INTERVAL_SECONDS: '1' })).toMatchObject({
      connectTimeoutMs: 3_000,
      pingIntervalMs: 1_000,
    });
  });
});

import type { Redis, RedisOptions } from 'ioredis';
import { settingFrom } from '../settings/read-settings.js';
import type { Settings } from '../settings/schema.js';
import { logger } from './logger.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How long a Redis connection may go without an answer before it counts as lost. */
export interface RedisLinkSettings {
  /** TCP connect, and (watchdog) the handshake after it (REDIS_CONNECT_TIMEOUT_SECONDS, 10). */
  connectTimeoutMs: number;
  /** A command of a request, or the watchdog's PING, with no answer (REDIS_COMMAND_TIMEOUT_SECONDS, 5). */
  commandTimeoutMs: number;
  /** How often the watchdog pings an idle-looking link (REDIS_PING_INTERVAL_SECONDS, 5). */
  pingIntervalMs: number;
}

/** From the typed settings (the schema refuses a bound of 0 or less, CONFIG_INVALID naming it). */
export function redisLinkFrom(
  s: Pick<Settings, 'REDIS_CONNECT_TIMEOUT_SECONDS' | 'REDIS_COMMAND_TIMEOUT_SECONDS' | 'REDIS_PING_INTERVAL_SECONDS'>,
): RedisLinkSettings {
  return {
    connectTimeoutMs: s.REDIS_CONNECT_TIMEOUT_SECONDS * 1000,
    commandTimeoutMs: s.REDIS_COMMAND_TIMEOUT_SECONDS * 1000,
    pingIntervalMs: s.REDIS_PING_INTERVAL_SECONDS * 1000,
  };
}

/** The same from an environment object (readers still handed `config.env`; defaults when empty). */
export function redisLinkSettings(env: Env = {}): RedisLinkSettings {
  return redisLinkFrom({
    REDIS_CONNECT_TIMEOUT_SECONDS: settingFrom(env, 'REDIS_CONNECT_TIMEOUT_SECONDS'),
    REDIS_COMMAND_TIMEOUT_SECONDS: settingFrom(env, 'REDIS_COMMAND_TIMEOUT_SECONDS'),
    REDIS_PING_INTERVAL_SECONDS: settingFrom(env, 'REDIS_PING_INTERVAL_SECONDS'),
  });
}

/**
 * ioredis options for a connection BullMQ uses: commands wait for a reconnect (maxRetriesPerRequest
 * null, which BullMQ requires of workers) and are sent again after it, so no job is lost; only the
 * connect is bounded. A silent link is the watchdog's job (`watchRedisLink`), not a command timeout
 * that would fail BullMQ's own commands.
 */
export function queueRedisOptions(s: RedisLinkSettings): RedisOptions {
  return { maxRetriesPerRequest: null, enableOfflineQueue: true, connectTimeout: s.connectTimeoutMs, keepAlive: 10_000 };
}

/** ioredis options for a connection a request waits on: every command fails after the bound. */
export function requestRedisOptions(s: RedisLinkSettings): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: s.connectTimeoutMs,
    commandTimeout: s.commandTimeoutMs,
    keepAlive: 10_000,
  };
}

/**
 * Logs a lost and a restored link once each (not per retry), and watches for a link that is up
 * but silent (packets dropped, not refused): TCP alone notices it only after many minutes. A
 * PING with no answer within the command timeout, or a handshake that never completes, ends the
 * socket, so ioredis reconnects (with backoff) and resends the commands in flight once Redis
 * answers again. Returns a stop function (call it before `quit()`).
 */
export function watchRedisLink(redis: Redis, role: string, s: RedisLinkSettings): () => void {
  let lost = false;
  const markLost = (reason: string) => {
    if (!lost) logger.error('redis connection lost; reconnecting', { role, error: reason });
    lost = true;
  };
  redis.on('error', (err: Error) => markLost(err.message));
  redis.on('end', () => logger.warn('redis connection ended', { role }));
  redis.on('ready', () => {
    if (lost) logger.info('redis connection restored', { role });
    lost = false;
  });
  const silent = (reason: string) => {
    markLost(reason);
    redis.stream.destroy();
  };
  let handshakeSince: number | undefined;
  let pinging = false;
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (redis.status === 'connect') {
        // TCP is up but Redis never answered the handshake: the connect timeout no longer applies.
        handshakeSince ??= now;
        if (now - handshakeSince >= s.connectTimeoutMs) {
          handshakeSince = undefined;
          silent(`no answer to the handshake within ${s.connectTimeoutMs} ms`);
        }
        return;
      }
      handshakeSince = undefined;
      if (redis.status !== 'ready' || pinging) return;
      pinging = true;
      let answered = false;
      const limit = setTimeout(() => {
        if (!answered) silent(`no answer to PING within ${s.commandTimeoutMs} ms`);
      }, s.commandTimeoutMs);
      limit.unref();
      redis
        .ping()
        .catch(() => undefined)
        .finally(() => {
          answered = true;
          pinging = false;
          clearTimeout(limit);
        });
    },
    Math.min(s.pingIntervalMs, s.connectTimeoutMs),
  );
  timer.unref();
  return () => clearInterval(timer);
}

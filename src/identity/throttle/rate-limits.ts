import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { optionalPrincipal } from '../../http/principal.js';
import { logger } from '../../shared/logger.js';
import { requestRedisOptions, watchRedisLink, type RedisLinkSettings } from '../../shared/redis-link.js';
import type { Settings } from '../../settings/schema.js';

/** Each limit: requests per RATE_LIMIT_WINDOW_SECONDS; 0 turns it off (defaults in src/settings/identity.ts). */
const LIMITS = {
  loginPerIp: 'RATE_LIMIT_LOGIN_PER_IP',
  loginPerAccount: 'RATE_LIMIT_LOGIN_PER_ACCOUNT',
  tokenPerIp: 'RATE_LIMIT_TOKEN_PER_IP',
  tokenPerClient: 'RATE_LIMIT_TOKEN_PER_CLIENT',
  ministryPerClient: 'RATE_LIMIT_MINISTRY_PER_CLIENT',
  ministryPerIp: 'RATE_LIMIT_MINISTRY_PER_IP',
} as const;
type LimitName = keyof typeof LIMITS;

/** The limits and the window, typed by the schema at start, and the Redis key prefix. */
export type RateLimitSettings = Pick<Settings, (typeof LIMITS)[LimitName] | 'RATE_LIMIT_WINDOW_SECONDS' | 'QUEUE_PREFIX'>;

export interface RateLimits {
  router: Router;
  /** 'redis' when REDIS_URL is set (limits hold across instances), else 'memory'. */
  store: 'redis' | 'memory';
  /** Resolves once the shared store answers (until then the per-instance insurance limiter counts). */
  connected(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rate limits on the login, token and ministry endpoints (rate-limiter-flexible). With REDIS_URL
 * the counters live in Redis, so several instances share one budget; a memory limiter stands in
 * while Redis is unreachable (insurance), so an outage neither opens nor closes the gate.
 * Mounted after the identity middleware: the ministry limit is per authenticated client.
 */
export function rateLimits(s: RateLimitSettings, store: { redisUrl?: string; link: RedisLinkSettings }): RateLimits {
  // A window of 0 would never expire a count: it means the default window, as it always has.
  const duration = s.RATE_LIMIT_WINDOW_SECONDS || 60;
  // A request waits on these commands: each fails after REDIS_COMMAND_TIMEOUT_SECONDS (a silent
  // link) and the memory limiter counts instead, so login never hangs on Redis.
  const { redisUrl, link } = store;
  const redis = redisUrl ? new Redis(redisUrl, { ...requestRedisOptions(link), lazyConnect: false }) : undefined;
  const unwatch = redis ? watchRedisLink(redis, 'rate-limits', link) : undefined;
  const prefix = `${s.QUEUE_PREFIX}:rl`;
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, setting] of Object.entries(LIMITS) as [LimitName, (typeof LIMITS)[LimitName]][]) {
    const points = s[setting];
    if (points === 0) continue;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
    limiters.set(
      name,
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            points,
            duration,
            keyPrefix: `${prefix}:${name}`,
            insuranceLimiter: memory,
            rejectIfRedisNotReady: true,
          })
        : memory,
    );
  }

  /** Consumes one point of each named limit; the first exhausted one answers 429 with Retry-After. */
  const guard =
    (checks: [LimitName, (req: Request) => string | undefined][]) => async (req: Request, res: Response, next: NextFunction) => {
      for (const [name, keyOf] of checks) {
        const limiter = limiters.get(name);
        const key = keyOf(req);
        if (!limiter || !key) continue;
        try {
          await limiter.consume(key);
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
          const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
          res.set('retry-after', String(retryAfter));
          res.status(429).json({
            code: 'RATE_LIMITED',
            message: `Quá nhiều yêu cầu; vui lòng thử lại sau ${retryAfter} giây`,
            details: { limit: name, retryAfterSeconds: retryAfter },
          });
          logger.warn('rate limit reached', { limit: name, ip: req.ip });
          return;
        }
      }
      next();
    };
  const ip = (req: Request) => req.ip ?? 'unknown';
  const account = (req: Request) => (typeof req.body?.username === 'string' ? req.body.username.toLowerCase().slice(0, 100) : undefined);
  const client = (req: Request) => (typeof req.body?.client_id === 'string' ? req.body.client_id.slice(0, 200) : undefined);
  const principal = (req: Request) => optionalPrincipal(req)?.id;

  const router = Router();
  const login = guard([
    ['loginPerIp', ip],
    ['loginPerAccount', account],
  ]);
  router.post('/auth/login', login);
  router.post('/api/v1/auth/token', login);
  // The form is parsed here already (the route's own parser then skips it) so the limit sees client_id.
  router.post(
    '/api/v1/oauth/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    guard([
      ['tokenPerIp', ip],
      ['tokenPerClient', client],
    ]),
  );
  const ministry = guard([
    ['ministryPerIp', ip],
    ['ministryPerClient', principal],
  ]);
  for (const path of ['/api/v1/ministry', '/api/v1/imports', '/api/v1/reconciliation']) router.use(path, ministry);
  return {
    router,
    store: redis ? 'redis' : 'memory',
    connected: () =>
      !redis || redis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.once('ready', () => resolve())),
    async close() {
      unwatch?.();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

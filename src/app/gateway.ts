import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express, { type Express } from 'express';
import type { Config } from '../config.js';
import type { AppServices } from './services.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open-database.js';
import { mutualTlsServerOptions } from '../identity/tls.js';
import { errorHandler, notFoundHandler } from '../http/errors.js';
import { jsonBody } from '../http/json-body.js';
import { securityHeaders } from '../http/security-headers.js';
import { deadline, drainServer, trackConnections } from './drain.js';
import { logger, withCorrelationId } from '../shared/logger.js';
import type { AnyModule, GatewayContext, HealthCheck } from '../gateway/module.js';
import { assemble } from './assemble.js';
import type { ModuleChain } from './module-chain.js';

export interface Gateway<S extends object = Partial<AppServices>> {
  app: Express;
  /** The services every module provided (all of `AppServices` for the app of `createApp`). */
  ctx: GatewayContext<S>;
  /** Starts background work (relays, workers) of every module. */
  start(): Promise<void>;
  listen(port?: number, host?: string): Promise<Server>;
  /**
   * Graceful shutdown: /ready turns false, the server stops accepting, in-flight requests and
   * jobs get until SHUTDOWN_DRAIN_SECONDS (or `drainMs`), then connections are closed.
   */
  close(options?: { drainMs?: number }): Promise<void>;
  /** True from the moment close() starts. */
  readonly draining: boolean;
}

export interface GatewayOptions {
  config: Config;
  db?: Database;
  now?: () => Date;
  /** The modules in start order (`createApp` passes the whole typed chain of `modules.ts`). */
  modules: readonly AnyModule[];
}

const KEEP_ALIVE_MS = 65_000;
const HEALTH_BODY = JSON.stringify({ status: 'ok' });
const HEALTH_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(Buffer.byteLength(HEALTH_BODY)),
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A check that hangs (a dependency that stopped answering) counts as failed after `timeoutMs`. */
async function runHealth(checks: HealthCheck[], timeoutMs: number) {
  const results = await Promise.all(
    checks.map(async (c) => {
      const limit = deadline(timeoutMs);
      try {
        const r = await Promise.race([c.check(), limit.promise]);
        return r === 'timeout' ? { name: c.name, ok: false, detail: `no answer within ${timeoutMs} ms` } : { name: c.name, ...r };
      } catch (err) {
        return { name: c.name, ok: false, detail: (err as Error).message };
      } finally {
        limit.cancel();
      }
    }),
  );
  return { ok: results.every((r) => r.ok), checks: results };
}

/**
 * Assembles a gateway from a module list: opens storage (unless given), checks that every
 * module's `requires` is provided above it, initialises the modules in order and mounts the
 * HTTP app. `createApp` (app.ts) is the production assembly; tests pass their own lists.
 */
export async function createGateway<S extends object = Partial<AppServices>>(options: GatewayOptions): Promise<Gateway<S>> {
  const { settings } = options.config;
  const drainMsDefault = settings.SHUTDOWN_DRAIN_SECONDS * 1000;
  const readyTimeoutMs = settings.READY_CHECK_TIMEOUT_SECONDS * 1000;
  let draining = false;
  const db = options.db ?? (await openDatabase(options.config));
  const now = options.now ?? (() => new Date());
  const { services, instances } = await assemble(options.modules, { config: options.config, db, now });
  const ctx: GatewayContext<S> = { config: options.config, db, now, services: services as S };
  const health: HealthCheck[] = [
    { name: 'database', check: async () => (await db.query('SELECT 1'), { ok: true }) },
    ...instances.flatMap((m) => m.instance.health ?? []),
  ];

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders({ tls: Boolean(settings.TLS_CERT) || options.config.publicUrl.startsWith('https://') }));
  app.use((req, res, next) => {
    // A caller's id is kept when it is a plain token, else a fresh one; echoed so the caller can grep the logs.
    const given = req.get('x-correlation-id');
    const id = given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader('x-correlation-id', id);
    // req.ip honours `trust proxy` (loopback): the audit log records where the request came from.
    withCorrelationId(id, () => next(), req.ip);
  });
  app.use(jsonBody(settings.BODY_LIMIT));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const result = await runHealth(health, readyTimeoutMs);
    // A draining instance takes no new work: the load balancer should move on.
    if (draining) {
      res.status(503).json({ ok: false, draining: true, checks: [...result.checks, { name: 'shutdown', ok: false, detail: 'draining' }] });
      return;
    }
    res.status(result.ok ? 200 : 503).json(result);
  });
  for (const { instance } of instances) for (const m of instance.middleware ?? []) app.use(m.path, m.router);
  for (const { instance } of instances) for (const r of instance.routers ?? []) app.use(r.path, r.router);
  app.use(notFoundHandler);
  app.use(errorHandler);

  let server: Server | undefined;
  let tracker: ReturnType<typeof trackConnections> | undefined;
  let started = false;
  return {
    app,
    ctx,
    get draining() {
      return draining;
    },
    async start() {
      if (started) return;
      started = true;
      for (const { name, instance } of instances) {
        await instance.start?.();
        logger.debug('module started', { module: name });
      }
    },
    listen(port = options.config.port, host = options.config.host) {
      return new Promise((resolve, reject) => {
        // TLS_CERT/TLS_KEY(/TLS_CLIENT_CA): HTTPS with optional client certificates (ministry mTLS);
        // otherwise plain HTTP behind the province's TLS-terminating proxy.
        const tls = mutualTlsServerOptions(options.config.settings);
        // GET /health (liveness) is answered before express: a load balancer probing it often
        // should cost what a bare node:http answer costs, not the whole middleware stack.
        const handler = (req: IncomingMessage, res: ServerResponse) => {
          if (req.method === 'GET' && req.url === '/health') {
            res.writeHead(200, HEALTH_HEADERS);
            res.end(HEALTH_BODY);
            return;
          }
          app(req, res);
        };
        const s: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
        // Idle keep-alive sockets stay open longer than any client's or proxy's own idle timeout
        // (undici 4 s, nginx 60 s): with Node's 5 s a client on a busy machine could reuse a
        // socket the server had just closed and get ECONNRESET. The drain closes idle sockets.
        s.keepAliveTimeout = KEEP_ALIVE_MS;
        s.headersTimeout = KEEP_ALIVE_MS + 1000;
        s.once('error', reject);
        tracker = trackConnections(s);
        s.listen(port, host, () => resolve(s));
        server = s;
      });
    },
    async close(closeOptions = {}) {
      draining = true;
      const drainMs = closeOptions.drainMs ?? drainMsDefault;
      const startedAt = Date.now();
      if (server && tracker) await drainServer(server, tracker, drainMs);
      // Modules stop in reverse order; workers finish their active jobs within what is left of the drain.
      for (const { name, instance } of [...instances].reverse()) {
        const limit = deadline(Math.max(0, drainMs - (Date.now() - startedAt)));
        try {
          const outcome = await Promise.race([(instance.stop?.() ?? Promise.resolve()).then(() => 'stopped' as const), limit.promise]);
          if (outcome === 'timeout') logger.warn('module stop exceeded the drain timeout; going on', { module: name });
        } catch (err) {
          logger.error('module stop failed', { module: name, error: (err as Error).message });
        } finally {
          limit.cancel();
        }
      }
      if (!options.db) await db.close();
    },
  };
}

/** A gateway from a typed chain: its services are exactly what the chain provides, none missing. */
export function createChainGateway<H extends object>(chain: ModuleChain<H>, options: Omit<GatewayOptions, 'modules'>): Promise<Gateway<H>> {
  return createGateway<H>({ ...options, modules: chain.modules });
}

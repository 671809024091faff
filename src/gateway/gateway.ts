import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express, { type Express } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open-database.js';
import { mutualTlsServerOptions } from '../identity/tls.js';
import { errorHandler, notFoundHandler } from '../http/errors.js';
import { logger, withCorrelationId } from '../shared/logger.js';
import type { GatewayContext, HealthCheck } from './context.js';
import type { GatewayModule, ModuleInstance } from './module.js';
import { modules as defaultModules } from './modules.js';

export interface Gateway {
  app: Express;
  ctx: GatewayContext;
  /** Starts background work (relays, workers) of every module. */
  start(): Promise<void>;
  listen(port?: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  db?: Database;
  now?: () => Date;
  modules?: GatewayModule[];
}

async function runHealth(checks: HealthCheck[]) {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        return { name: c.name, ...(await c.check()) };
      } catch (err) {
        return { name: c.name, ok: false, detail: (err as Error).message };
      }
    }),
  );
  return { ok: results.every((r) => r.ok), checks: results };
}

/** Composition root: opens storage, initialises every module in order and assembles the HTTP app. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const db = options.db ?? (await openDatabase(options.config));
  const ctx: GatewayContext = { config: options.config, db, now: options.now ?? (() => new Date()), services: {} };
  const instances: { name: string; instance: ModuleInstance }[] = [];
  for (const mod of options.modules ?? defaultModules) {
    instances.push({ name: mod.name, instance: await mod.init(ctx) });
  }
  const health: HealthCheck[] = [
    { name: 'database', check: async () => (await db.query('SELECT 1'), { ok: true }) },
    ...instances.flatMap((m) => m.instance.health ?? []),
  ];

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    // A caller's id is kept when it is a plain token, else a fresh one; echoed so the caller can grep the logs.
    const given = req.get('x-correlation-id');
    const id = given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader('x-correlation-id', id);
    withCorrelationId(id, () => {
      next();
    });
  });
  app.use(express.json({ limit: options.config.env.BODY_LIMIT ?? '5mb' }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const result = await runHealth(health);
    res.status(result.ok ? 200 : 503).json(result);
  });
  for (const { instance } of instances) for (const m of instance.middleware ?? []) app.use(m.path, m.router);
  for (const { instance } of instances) for (const r of instance.routers ?? []) app.use(r.path, r.router);
  app.use(notFoundHandler);
  app.use(errorHandler);

  let server: Server | undefined;
  let started = false;
  return {
    app,
    ctx,
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
        const tls = mutualTlsServerOptions(options.config.env);
        const s: Server = tls ? createHttpsServer(tls, app) : createHttpServer(app);
        s.once('error', reject);
        s.listen(port, host, () => resolve(s));
        server = s;
      });
    },
    async close() {
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      for (const { name, instance } of [...instances].reverse()) {
        try {
          await instance.stop?.();
        } catch (err) {
          logger.error('module stop failed', { module: name, error: (err as Error).message });
        }
      }
      if (!options.db) await db.close();
    },
  };
}

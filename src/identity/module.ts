import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreServices } from '../core/core-services.js';
import { revocationChecker } from '../exchange/pki/trust.js';
import type { GatewayModule } from '../gateway/module.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import { redisLinkSettings } from '../shared/redis-link.js';
import { logger } from '../shared/logger.js';
import { accountNames } from './account-names.js';
import { refuse } from './audit.js';
import { ClientService } from './clients/service.js';
import { loadIdentityConfig } from './config.js';
import { LocalLogin } from './local-login.js';
import { identityMiddleware } from './middleware.js';
import { OidcLogin } from './oidc/login.js';
import { loadMappingRules } from './oidc/mapping.js';
import { ProviderCache } from './oidc/provider.js';
import { adminRouter } from './routes/admin.js';
import { authRouter, tokenRouter } from './routes/auth.js';
import { demoPassword, seedDemoIdentity } from './seed-demo.js';
import type { IdentityServices, IndicatorAccess } from './services.js';
import { SessionService } from './sessions.js';
import { rateLimits } from './throttle/rate-limits.js';
import type { ScopeCheck } from './users.js';
import { UserService } from './users.js';

const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

function scopeOf(core: CoreServices): ScopeCheck {
  return {
    isWithin: (unitId, rootId) => core.scope.isWithin(unitId, rootId),
    subtreeIds: async (rootId) => new Set((await core.orgUnits.subtree(rootId)).map((u) => u.id)),
  };
}

/**
 * Identity: VNConnect/OIDC and local login, console sessions with CSRF protection, bearer tokens
 * for users and ministry clients (private_key_jwt, mutual TLS), user and client administration.
 * Starts after core (org scope) and before submissions; its middleware sets `res.locals.principal`.
 */
export const identityModule: GatewayModule<
  { core: CoreServices; simulators: SimulatorsServices; scheduler: JobScheduler },
  { identity: IdentityServices; indicatorAccess: IndicatorAccess }
> = {
  name: 'identity',
  requires: { core: true, simulators: true, scheduler: true },
  provides: { identity: true, indicatorAccess: true },
  async init(ctx) {
    const config = loadIdentityConfig(ctx.config.settings, ctx.config.publicUrl);
    const base = ctx.config.publicUrl.replace(/\/$/, '');
    // The demo rules ship in fixtures/, which the production image leaves out: there, without
    // IDENTITY_MAPPING_RULES, every first VNConnect login waits (pending) for an administrator.
    const demoRules = join(FIXTURES_DIR, 'identity', 'mapping-rules.json');
    const rulesPath = config.mappingRulesPath ?? (existsSync(demoRules) ? demoRules : undefined);
    if (!rulesPath) logger.warn('identity: no IDENTITY_MAPPING_RULES; VNConnect users start pending until an admin assigns them');
    const rules = rulesPath ? loadMappingRules(rulesPath) : { rules: [] };
    const scope = scopeOf(ctx.services.core);
    // The configured issuer first, the in-process VNConnect simulator only as the default.
    const provider = new ProviderCache(() => config.oidcIssuer ?? ctx.services.simulators.vnconnect?.url, config.oidcJwksCooldownMs);
    const sessions = new SessionService(ctx.db, ctx.now, config.bearerCacheMs);
    const clients = new ClientService(ctx.db, scope, ctx.now, [`${base}/api/v1/oauth/token`, base], config.bearerCacheMs);
    const identity: IdentityServices = {
      config,
      now: ctx.now,
      sessions,
      clients,
      publicOrigin: new URL(base).origin,
      localLogin: new LocalLogin(ctx.db, config, ctx.now),
      oidc: new OidcLogin(ctx.db, config, provider, rules, ctx.now),
      users: new UserService(ctx.db, scope, ctx.now),
      accountNames: accountNames(ctx.db),
      allowsIndicator: (principal, code) => clients.allowsIndicator(principal, code),
      indicatorFilter: (principal) => clients.indicatorFilter(principal),
      refuse: (status, code, message, refusal) => refuse(ctx.db, status, code, message, refusal),
    };
    if (ctx.config.seedDemo) {
      const { password, generated } = demoPassword(ctx.config.settings.DEMO_PASSWORD);
      const seeded = await seedDemoIdentity(ctx.db, FIXTURES_DIR, ctx.now(), password);
      if (seeded.users > 0) {
        logger.info('demo identity seeded', seeded);
        // Shown once, when the accounts are created: the only place this install's password appears.
        if (generated) {
          logger.warn('demo accounts created with a generated password (shown once; set DEMO_PASSWORD to choose it)', { password });
          console.log(`lienthong: tài khoản demo (admin, vanhanh, ...) — mật khẩu: ${password}  (chỉ hiển thị một lần)`);
        }
      }
    }
    // Expired sessions purged once per slot across the instances (the gateway scheduler).
    await ctx.services.scheduler.register({
      id: 'identity:purge-sessions',
      everyMs: PURGE_INTERVAL_MS,
      run: async () => {
        await sessions.purgeExpired().catch((err: Error) => logger.warn('session purge failed', { error: err.message }));
      },
    });
    // The Redis link's bounds are read with the queue's (src/shared/redis-link.ts), from the environment.
    const limits = rateLimits(ctx.config.settings, { redisUrl: ctx.config.redisUrl, link: redisLinkSettings(ctx.config.env) });
    return {
      services: { identity, indicatorAccess: identity },
      middleware: [
        { path: '/', router: identityMiddleware(ctx.db, config, sessions, clients, () => revocationChecker()) },
        { path: '/', router: limits.router },
      ],
      routers: [
        { path: '/', router: authRouter(identity) },
        { path: '/api/v1', router: tokenRouter(identity) },
        { path: '/api/v1', router: adminRouter(identity) },
      ],
      async stop() {
        await limits.close();
      },
    };
  },
};

import type { Principal } from '../http/principal.js';
import type { AccountNames } from './account-names.js';
import type { AppError } from '../shared/errors.js';
import type { RefusalContext } from './audit.js';
import type { ClientService } from './clients/service.js';
import type { IdentityConfig } from './config.js';
import type { LocalLogin } from './local-login.js';
import type { OidcLogin } from './oidc/login.js';
import type { SessionService } from './sessions.js';
import type { UserService } from './users.js';

/** `ctx.services.identity`: what the identity module provides for later modules, routes and the CLI. */
export interface IdentityServices {
  config: IdentityConfig;
  now: () => Date;
  /** Origin of PUBLIC_URL (scheme://host:port): the only origin allowed to post the login form. */
  publicOrigin: string;
  sessions: SessionService;
  localLogin: LocalLogin;
  oidc: OidcLogin;
  users: UserService;
  clients: ClientService;
  /** Display names of users and ministry clients by id (a report's history names who acted). */
  accountNames: AccountNames;
  /** Audits a refusal (`auth.refused`) and returns the 401/403 error to throw. */
  refuse(status: 401 | 403, code: string, message: string, ctx?: RefusalContext): Promise<AppError>;
  /** Ministry clients are limited to their indicators (list or pattern); people are not. */
  allowsIndicator(principal: Principal, indicatorCode: string): Promise<boolean>;
  /** The same limit as a predicate read once, for checking many codes. */
  indicatorFilter(principal: Principal): Promise<(indicatorCode: string) => boolean>;
}

/** `ctx.services.indicatorAccess`: the part of identity that areas taking figures need (ministry imports). */
export type IndicatorAccess = Pick<IdentityServices, 'allowsIndicator' | 'indicatorFilter'>;

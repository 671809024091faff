import type { Principal } from '../http/principal.js';
import type { ClientService } from './clients/service.js';
import type { IdentityConfig } from './config.js';
import type { LocalLogin } from './local-login.js';
import type { OidcLogin } from './oidc/login.js';
import type { SessionService } from './sessions.js';
import type { UserService } from './users.js';

/** `ctx.services.identity`: what the identity module publishes for later modules, routes and the CLI. */
export interface IdentityServices {
  config: IdentityConfig;
  now: () => Date;
  sessions: SessionService;
  localLogin: LocalLogin;
  oidc: OidcLogin;
  users: UserService;
  clients: ClientService;
  /** Ministry clients are limited to their indicators (list or pattern); people are not. */
  allowsIndicator(principal: Principal, indicatorCode: string): Promise<boolean>;
}

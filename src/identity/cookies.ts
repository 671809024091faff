import type { CookieOptions, Request, Response } from 'express';
import type { IdentityConfig } from './config.js';

/** `__Host-` binds the cookie to this exact origin over https; plain http (local demo) cannot use the prefix. */
export function sessionCookieName(config: IdentityConfig): string {
  return config.secureCookies ? '__Host-lt_session' : 'lt_session';
}

function options(config: IdentityConfig, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}

export function setSessionCookie(res: Response, config: IdentityConfig, secret: string, expiresAt: Date, now: Date): void {
  res.cookie(sessionCookieName(config), secret, options(config, Math.max(0, expiresAt.getTime() - now.getTime())));
}

export function clearSessionCookie(res: Response, config: IdentityConfig): void {
  res.clearCookie(sessionCookieName(config), options(config));
}

export function sessionCookieOf(req: Request, config: IdentityConfig): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[sessionCookieName(config)];
  return typeof value === 'string' && value ? value : undefined;
}

/** Binds an OIDC login to the browser that started it; scoped to the callback path, gone after 10 minutes. */
const OIDC_STATE_COOKIE = 'lt_oidc_state';

export function setOidcStateCookie(res: Response, config: IdentityConfig, state: string): void {
  res.cookie(OIDC_STATE_COOKIE, state, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/auth/oidc',
    maxAge: 10 * 60 * 1000,
  });
}

export function oidcStateCookieOf(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[OIDC_STATE_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
}

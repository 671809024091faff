import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { validateBody } from '../../http/validate.js';
import { isAppError } from '../../shared/errors.js';
import { assertContract } from '../../shared/contracts.js';
import type { IdentityServices } from '../services.js';
import { clearSessionCookie, oidcStateCookieOf, setOidcStateCookie, setSessionCookie } from '../cookies.js';
import { loginErrorMessage, loginPage, safeReturnTo } from '../login-page.js';
import type { RequestIdentity } from '../middleware.js';
import { noteAuditedRefusal } from '../refusal-audit.js';

type Handler = (req: Request, res: Response) => Promise<void>;
/** Lets the refusal-audit hook know `refuse` already wrote this refusal's audit entry. */
const audited =
  (fn: Handler): Handler =>
  async (req, res) => {
    try {
      await fn(req, res);
    } catch (err) {
      noteAuditedRefusal(res, err);
      throw err;
    }
  };

/**
 * Login CSRF: the login form carries no session yet, so a cross-site form could log a victim
 * into the attacker's account. Browsers send Origin on cross-site POSTs; a foreign one is refused.
 */
async function assertSameOrigin(req: Request, identity: IdentityServices): Promise<void> {
  const origin = req.get('origin');
  // The target origin is the configured public one, or the one this request was addressed to
  // (Host header): a cross-site form carries the attacker's origin and matches neither.
  const target = `${req.protocol}://${req.get('host') ?? ''}`;
  if (origin && origin !== 'null' && origin !== identity.publicOrigin && origin !== target) {
    throw await identity.refuse(403, 'ORIGIN_FORBIDDEN', 'Yêu cầu đăng nhập đến từ trang web khác', { details: { origin } });
  }
}

const schema = (name: string) => `https://lienthong.gov.vn/contracts/api/identity/${name}.schema.json`;
/** After login each role lands on its own home (/app/home redirects: the console for ops and admins). */
const CONSOLE = '/app/home';
/** Beside the sources, or back in src/ when running the compiled dist/ (tsc copies no assets). */
const LOGIN_CSS =
  [
    fileURLToPath(new URL('../public/login.css', import.meta.url)),
    fileURLToPath(new URL('../../../src/identity/public/login.css', import.meta.url)),
  ].find((p) => existsSync(p)) ?? fileURLToPath(new URL('../public/login.css', import.meta.url));

/** Browser routes under /auth: the login page, local login, VNConnect (OIDC) login, logout. */
export function authRouter(identity: IdentityServices): Router {
  const r = Router();
  const { config, now } = identity;

  /** A new login replaces the browser's previous session (no fixation, no orphaned session). */
  async function startSession(res: Response, userId: string): Promise<void> {
    const previous = res.locals.identity as RequestIdentity | undefined;
    if (previous?.method === 'session' && previous.secret) await identity.sessions.end(previous.secret);
    const issued = await identity.sessions.issue('session', 'user', userId, config.sessionTtlSeconds);
    setSessionCookie(res, config, issued.secret, issued.expiresAt, now());
  }

  // The page's style is a file, not inline: the Content-Security-Policy allows no inline style.
  r.get('/auth/assets/login.css', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').sendFile(LOGIN_CSS);
  });

  r.get('/auth/login', (req, res) => {
    const user = (res.locals.identity as RequestIdentity | undefined)?.resolved?.user;
    const pendingName = user?.status === 'pending' ? user.displayName : undefined;
    res
      .set('cache-control', 'no-store')
      .type('html')
      .send(loginPage({ returnTo: safeReturnTo(req.query.returnTo), pendingName }));
  });

  r.post('/auth/login', async (req: Request, res: Response) => {
    const returnTo = safeReturnTo(req.body?.returnTo);
    try {
      await assertSameOrigin(req, identity);
      const body = assertContract<{ username: string; password: string }>(
        schema('auth-token'),
        { username: req.body?.username, password: req.body?.password },
        'REQUEST_INVALID',
      );
      const user = await identity.localLogin.authenticate(body.username, body.password, req.ip);
      await startSession(res, user.id);
      res.redirect(303, returnTo ?? CONSOLE);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      res
        .status(err.status)
        .type('html')
        .send(loginPage({ error: { code: err.code, message: loginErrorMessage(err.code) }, returnTo }));
    }
  });

  r.post('/auth/logout', async (_req, res) => {
    const current = res.locals.identity as RequestIdentity | undefined;
    if (current?.method === 'session' && current.secret) await identity.sessions.end(current.secret);
    clearSessionCookie(res, config);
    res.redirect(303, '/auth/login');
  });

  r.get('/auth/oidc/start', async (req, res) => {
    const { url, state } = await identity.oidc.start(safeReturnTo(req.query.returnTo));
    setOidcStateCookie(res, config, state);
    res.redirect(302, url);
  });

  r.get(
    '/auth/oidc/callback',
    audited(async (req, res) => {
      const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      let outcome;
      try {
        outcome = await identity.oidc.callback({
          code: q('code'),
          state: q('state'),
          error: q('error'),
          browserState: oidcStateCookieOf(req),
        });
      } catch (err) {
        // A person in a browser gets the login page with a Vietnamese message; API clients get the JSON error.
        if (!isAppError(err) || err.status >= 500 || req.accepts(['json', 'html']) !== 'html') throw err;
        res
          .status(err.status)
          .type('html')
          .send(loginPage({ error: { code: err.code, message: loginErrorMessage(err.code) } }));
        return;
      }
      const { user, returnTo } = outcome;
      await startSession(res, user.id);
      // A pending person also gets a session: the console shows "Tài khoản đang chờ phê duyệt" and nothing else.
      res.redirect(302, returnTo ?? CONSOLE);
    }),
  );

  return r;
}

/** JSON routes under /api/v1: the current session, and bearer tokens for local users and ministry clients. */
export function tokenRouter(identity: IdentityServices): Router {
  const r = Router();
  const { config } = identity;

  r.get('/session', (_req, res) => {
    const current = res.locals.identity as RequestIdentity | undefined;
    const resolved = current?.resolved;
    if (!resolved && !res.locals.principal) {
      res.status(401).json({ code: 'AUTH_REQUIRED', message: 'Chưa đăng nhập' });
      return;
    }
    const user = resolved?.user;
    res.set('cache-control', 'no-store').json({
      principal: res.locals.principal ?? null,
      csrfToken: resolved?.session.csrfToken ?? null,
      method: current?.method ?? 'mtls',
      user: user ? { id: user.id, username: user.username, displayName: user.displayName, status: user.status } : null,
      ...(user?.status === 'pending' ? { message: 'Tài khoản đang chờ phê duyệt' } : {}),
    });
  });

  r.post(
    '/auth/token',
    validateBody(schema('auth-token')),
    audited(async (req, res) => {
      const user = await identity.localLogin.authenticate(req.body.username, req.body.password, req.ip);
      const issued = await identity.sessions.issue('bearer', 'user', user.id, config.bearerTtlSeconds);
      res.set('cache-control', 'no-store').json({ access_token: issued.secret, token_type: 'Bearer', expires_in: config.bearerTtlSeconds });
    }),
  );

  r.post(
    '/oauth/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    validateBody(schema('oauth-token')),
    audited(async (req, res) => {
      const client = await identity.clients.authenticateAssertion(req.body.client_assertion, req.body.client_id);
      const issued = await identity.sessions.issue('bearer', 'client', client.clientId, config.bearerTtlSeconds);
      res.set('cache-control', 'no-store').json({ access_token: issued.secret, token_type: 'Bearer', expires_in: config.bearerTtlSeconds });
    }),
  );

  return r;
}

import { timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import cookieParser from 'cookie-parser';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../store/database.js';
import { refuse } from './audit.js';
import { checkClientChain, type ClientRevocation } from './client-revocation.js';
import type { ClientService } from './clients/service.js';
import { certificateSha256 } from './clients/keys.js';
import type { IdentityConfig } from './config.js';
import { sessionCookieOf } from './cookies.js';
import { noteAuditedRefusal, refusalAuditStage } from './refusal-audit.js';
import { clientPrincipal, type ResolvedSession, type SessionService } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Credential exchanges: they create a session or token rather than act with an existing one. */
const CSRF_EXEMPT = new Set(['/auth/login', '/api/v1/auth/token', '/api/v1/oauth/token']);

/** What the middleware leaves for the identity routes (`res.locals.identity`). */
export interface RequestIdentity {
  method: 'session' | 'bearer' | 'mtls';
  secret?: string;
  resolved?: ResolvedSession;
}

function sameToken(a: string | undefined, b: string | null): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sets `res.locals.principal` from, in order: `Authorization: Bearer` (tokens we issued), a
 * client certificate verified by the TLS layer (mutual TLS), or the console session cookie.
 * Cookie-authenticated state-changing requests must echo the session's CSRF token in
 * `x-csrf-token` (or the `_csrf` form field): a cross-site form cannot read it.
 */
export function identityMiddleware(
  db: Database,
  config: IdentityConfig,
  sessions: SessionService,
  clients: ClientService,
  /** The shared OCSP/CRL checker, read per request: the exchange module starts after identity. */
  revocation: () => ClientRevocation | undefined = () => undefined,
): Router {
  const router = Router();
  router.use(cookieParser());
  router.use('/auth', express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(refusalAuditStage(db));
  router.use((req: Request, res: Response, next: NextFunction) => {
    authenticate(req, res).then(
      () => next(),
      (err: unknown) => {
        noteAuditedRefusal(res, err);
        next(err);
      },
    );
  });

  async function authenticate(req: Request, res: Response): Promise<void> {
    const authorization = req.get('authorization');
    if (authorization !== undefined) return bearer(req, res, authorization);
    const socket = req.socket as TLSSocket;
    if (socket.encrypted && socket.authorized) return mutualTls(res, socket);
    if (socket.encrypted && socket.getPeerCertificate?.()?.raw) {
      // A certificate was presented but does not chain to TLS_CLIENT_CA: refuse rather than fall back to anonymous.
      throw await refuse(db, 401, 'CLIENT_CERT_UNTRUSTED', `Client certificate not trusted: ${String(socket.authorizationError)}`);
    }
    const secret = sessionCookieOf(req, config);
    if (!secret) return;
    const resolved = await sessions.resolve(secret, 'session');
    if (!resolved) return;
    res.locals.identity = { method: 'session', secret, resolved } satisfies RequestIdentity;
    if (resolved.principal) res.locals.principal = resolved.principal;
    if (SAFE_METHODS.has(req.method) || CSRF_EXEMPT.has(req.path)) return;
    const presented = req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined);
    if (!sameToken(presented, resolved.session.csrfToken)) {
      throw await refuse(db, 403, 'CSRF_INVALID', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token)', {
        actor: resolved.session.subjectId,
        details: { method: req.method, path: req.path },
      });
    }
  }

  async function bearer(req: Request, res: Response, authorization: string): Promise<void> {
    if (CSRF_EXEMPT.has(req.path) && !authorization.startsWith('Bearer ')) return; // e.g. Basic at the token endpoint
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization);
    if (!match) throw await refuse(db, 401, 'AUTH_SCHEME_UNSUPPORTED', 'Authorization must be "Bearer <token>"');
    const resolved = await sessions.resolve(match[1]!, 'bearer');
    if (!resolved?.principal)
      throw await refuse(db, 401, 'TOKEN_INVALID', 'Bearer token is unknown, expired or revoked', { details: { path: req.path } });
    res.locals.identity = { method: 'bearer', secret: match[1], resolved } satisfies RequestIdentity;
    res.locals.principal = resolved.principal;
  }

  async function mutualTls(res: Response, socket: TLSSocket): Promise<void> {
    const cert = socket.getPeerCertificate();
    if (!cert?.raw) return;
    const fingerprint = certificateSha256(cert.raw);
    const client = await clients.byCertificate(fingerprint);
    const principal = client ? clientPrincipal(client) : null;
    if (!principal)
      throw await refuse(db, 401, 'CLIENT_CERT_UNKNOWN', 'Client certificate is not registered to an active client', {
        details: { certSha256: fingerprint },
      });
    // Registered first (no responder call for a stranger), then not revoked: a ministry whose
    // certificate was revoked loses access at once, not when someone deletes its registration.
    const status = await checkClientChain(revocation(), socket.getPeerCertificate(true));
    if (!status.ok) {
      const details = { certSha256: fingerprint, clientId: principal.id, reason: status.message };
      throw status.revoked
        ? await refuse(
            db,
            401,
            'CLIENT_CERT_REVOKED',
            `Chứng thư số của hệ thống kết nối ${principal.id} đã bị thu hồi: từ chối kết nối (${status.message})`,
            { actor: principal.id, details },
          )
        : await refuse(
            db,
            401,
            'CLIENT_CERT_STATUS_UNKNOWN',
            `Không kiểm tra được tình trạng thu hồi chứng thư số của hệ thống kết nối ${principal.id}: từ chối kết nối (${status.message})`,
            { actor: principal.id, details },
          );
    }
    res.locals.identity = { method: 'mtls' } satisfies RequestIdentity;
    res.locals.principal = principal;
  }

  return router;
}

import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers on every answer (helmet). The Content-Security-Policy allows scripts, styles,
 * fonts and fetches from the gateway itself only, and no inline script or style: the console,
 * the login page and the reporting app keep theirs in files. frame-ancestors 'none' stops any
 * site from framing the console's approve and replay buttons (clickjacking). HSTS only when the
 * gateway is reached over TLS (its own TLS_CERT, or a PUBLIC_URL behind a TLS proxy): on the
 * plain-HTTP demo it would lock browsers out of http://127.0.0.1.
 */
export function securityHeaders(options: { tls: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import { ValidationError } from '../shared/errors.js';
import type { Settings } from '../settings/schema.js';

type TlsSettings = Pick<Settings, 'TLS_CERT' | 'TLS_KEY' | 'TLS_CLIENT_CA'>;

/**
 * HTTPS options for listening with mutual TLS: TLS_CERT / TLS_KEY (the gateway's certificate)
 * and TLS_CLIENT_CA (PEM bundle of CAs that issue ministry client certificates). Clients without
 * a certificate may still connect (bearer tokens, console); a presented certificate must chain to
 * TLS_CLIENT_CA and be registered to a client, which the identity middleware checks.
 * Returns null when TLS is not configured (plain HTTP behind a TLS-terminating proxy).
 */
export function mutualTlsServerOptions(s: TlsSettings): ServerOptions | null {
  if (!s.TLS_CERT && !s.TLS_KEY && !s.TLS_CLIENT_CA) return null;
  const read = (name: keyof TlsSettings): string => {
    const path = s[name];
    if (!path)
      throw new ValidationError('CONFIG_INVALID', `${name} is required when TLS is configured (TLS_CERT, TLS_KEY, TLS_CLIENT_CA)`, {
        name,
      });
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new ValidationError('CONFIG_INVALID', `${name} cannot be read (${path}): ${(err as Error).message}`, { name });
    }
  };
  const options: ServerOptions = { cert: read('TLS_CERT'), key: read('TLS_KEY') };
  if (s.TLS_CLIENT_CA) {
    // requestCert asks for a certificate; rejectUnauthorized false keeps certificate-less callers
    // (console, bearer tokens) able to connect. `socket.authorized` tells the middleware whether
    // the presented chain verified against the CA.
    Object.assign(options, { ca: read('TLS_CLIENT_CA'), requestCert: true, rejectUnauthorized: false });
  }
  return options;
}

import { createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request } from 'express';
import { jwtVerify } from 'jose';

/** A relying party registered at the simulator: a shared secret, a public key (private_key_jwt), or both. */
export interface RegisteredClient {
  secret?: string;
  publicKey?: KeyObject;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * SIM_VNCONNECT_CLIENTS="id:secret,…" and SIM_VNCONNECT_CLIENT_KEYS="id:/path/cert-or-key.pem,…";
 * default: the gateway's demo client with its demo secret.
 */
export function registeredClients(env: Readonly<Record<string, string | undefined>>): Record<string, RegisteredClient> {
  const clients: Record<string, RegisteredClient> = {};
  const pairs = (raw: string) =>
    raw
      .split(',')
      .map((p) => [p.slice(0, p.indexOf(':')).trim(), p.slice(p.indexOf(':') + 1).trim()] as const)
      .filter(([id]) => id);
  for (const [id, secret] of pairs(env.SIM_VNCONNECT_CLIENTS ?? 'lienthong:lienthong-demo-secret'))
    clients[id] = { ...clients[id], secret };
  for (const [id, path] of pairs(env.SIM_VNCONNECT_CLIENT_KEYS ?? ''))
    clients[id] = { ...clients[id], publicKey: createPublicKey(readFileSync(path, 'utf8')) };
  return clients;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Client authentication at the token endpoint: client_secret_basic, client_secret_post, or
 * private_key_jwt (assertion signed by the registered key, iss = sub = client_id, aud = the
 * token endpoint or the issuer, jti used once). Returns the client id or null.
 */
export async function authenticateClient(
  req: Request,
  clients: Record<string, RegisteredClient>,
  audiences: string[],
  seenJtis: Set<string>,
): Promise<string | null> {
  const body = (req.body ?? {}) as Record<string, string | undefined>;
  if (body.client_assertion_type === JWT_BEARER && body.client_assertion) {
    const id = body.client_id;
    const key = id ? clients[id]?.publicKey : undefined;
    if (!id || !key) return null;
    try {
      const { payload } = await jwtVerify(body.client_assertion, key, {
        issuer: id,
        subject: id,
        audience: audiences,
        algorithms: ['RS256', 'PS256', 'ES256'],
        requiredClaims: ['jti', 'exp'],
      });
      if (seenJtis.has(`${id}|${String(payload.jti)}`)) return null;
      seenJtis.add(`${id}|${String(payload.jti)}`);
      return id;
    } catch {
      return null;
    }
  }
  const auth = req.get('authorization');
  let id: string | undefined;
  let secret: string | undefined;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString();
    const i = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  } else {
    id = body.client_id;
    secret = body.client_secret;
  }
  const expected = id ? clients[id]?.secret : undefined;
  return id && secret !== undefined && expected !== undefined && safeEqual(expected, secret) ? id : null;
}

import { readFileSync } from 'node:fs';
import { ValidationError } from '../shared/errors.js';
import { settingFrom } from '../settings/read-settings.js';

/** Identity settings, read once from `config.env` and validated at module start. */
export interface IdentityConfig {
  /** Issuer URL; undefined = the in-process VNConnect simulator. */
  oidcIssuer?: string;
  oidcClientId: string;
  oidcClientSecret: string;
  /** How we authenticate at the issuer's token endpoint. */
  oidcClientAuth: 'client_secret_basic' | 'private_key_jwt';
  /** private_key_jwt: PKCS#8 PEM of our signing key, and its algorithm. */
  oidcClientKeyPem?: string;
  oidcClientKeyAlg: string;
  oidcRedirectUri: string;
  oidcAllowedAlgs: string[];
  oidcScope: string;
  oidcAcrValues: string;
  mappingRulesPath?: string;
  /** Minimum time between JWKS refetches triggered by an unknown kid (protects the IdP from kid floods). */
  oidcJwksCooldownMs: number;
  sessionTtlSeconds: number;
  bearerTtlSeconds: number;
  /** How long a resolved bearer token is reused without a lookup (0 = never); see bearer-cache.ts. */
  bearerCacheMs: number;
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** Cap of the doubling lockout of one account for one source. */
  lockoutMaxSeconds: number;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
}

const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function readKey(path: string | undefined): string {
  if (!path)
    throw new ValidationError('CONFIG_INVALID', 'OIDC_CLIENT_KEY (PKCS#8 PEM file) is required with OIDC_CLIENT_AUTH=private_key_jwt');
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `OIDC_CLIENT_KEY cannot be read (${path}): ${(err as Error).message}`);
  }
}

export function loadIdentityConfig(env: Readonly<Record<string, string | undefined>>, publicUrl: string): IdentityConfig {
  const algs = (env.OIDC_ALLOWED_ALGS ?? 'RS256,ES256')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Symmetric algorithms and `none` are never accepted for ID tokens: that is the point of the list.
  const bad = algs.filter((a) => !ASYMMETRIC_ALGS.includes(a));
  if (algs.length === 0 || bad.length > 0) {
    throw new ValidationError('CONFIG_INVALID', `OIDC_ALLOWED_ALGS must list asymmetric algorithms only (${ASYMMETRIC_ALGS.join(', ')})`, {
      rejected: bad,
    });
  }
  const issuer = env.OIDC_ISSUER ?? env.VNCONNECT_ISSUER;
  if (issuer !== undefined && issuer !== '' && !/^https?:\/\//.test(issuer)) {
    throw new ValidationError('CONFIG_INVALID', `OIDC_ISSUER must be an http(s) URL, got "${issuer}"`);
  }
  const base = publicUrl.replace(/\/$/, '');
  const clientAuth = env.OIDC_CLIENT_AUTH || 'client_secret_basic';
  if (clientAuth !== 'client_secret_basic' && clientAuth !== 'private_key_jwt') {
    throw new ValidationError('CONFIG_INVALID', `OIDC_CLIENT_AUTH must be client_secret_basic or private_key_jwt, got "${clientAuth}"`);
  }
  const keyPem = clientAuth === 'private_key_jwt' ? readKey(env.OIDC_CLIENT_KEY) : undefined;
  return {
    oidcIssuer: issuer || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || 'lienthong',
    oidcClientSecret: env.OIDC_CLIENT_SECRET || 'lienthong-demo-secret',
    oidcClientAuth: clientAuth,
    oidcClientKeyPem: keyPem,
    oidcClientKeyAlg: env.OIDC_CLIENT_KEY_ALG || 'RS256',
    oidcRedirectUri: env.OIDC_REDIRECT_URI || `${base}/auth/oidc/callback`,
    oidcAllowedAlgs: algs,
    oidcScope: env.OIDC_SCOPE || 'openid',
    oidcAcrValues: env.OIDC_ACR_VALUES || 'LoA1',
    mappingRulesPath: env.IDENTITY_MAPPING_RULES || undefined,
    oidcJwksCooldownMs: settingFrom(env, 'OIDC_JWKS_COOLDOWN_MS'),
    sessionTtlSeconds: settingFrom(env, 'SESSION_TTL'),
    bearerTtlSeconds: settingFrom(env, 'BEARER_TTL'),
    bearerCacheMs: settingFrom(env, 'BEARER_CACHE_MS'),
    lockoutThreshold: settingFrom(env, 'LOCKOUT_THRESHOLD'),
    lockoutSeconds: settingFrom(env, 'LOCKOUT_SECONDS'),
    lockoutMaxSeconds: settingFrom(env, 'LOCKOUT_MAX_SECONDS'),
    secureCookies: base.startsWith('https://'),
  };
}

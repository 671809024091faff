import { readFileSync } from 'node:fs';
import { ValidationError } from '../shared/errors.js';
import type { Settings } from '../settings/schema.js';

/** Identity settings, from the typed `config.settings` the schema validated at start. */
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

/** The identity settings the schema checked at start (src/settings/identity.ts). */
export type IdentitySettings = Pick<
  Settings,
  | 'OIDC_ISSUER'
  | 'VNCONNECT_ISSUER'
  | 'OIDC_CLIENT_ID'
  | 'OIDC_CLIENT_SECRET'
  | 'OIDC_CLIENT_AUTH'
  | 'OIDC_CLIENT_KEY'
  | 'OIDC_CLIENT_KEY_ALG'
  | 'OIDC_REDIRECT_URI'
  | 'OIDC_ALLOWED_ALGS'
  | 'OIDC_SCOPE'
  | 'OIDC_ACR_VALUES'
  | 'OIDC_JWKS_COOLDOWN_MS'
  | 'IDENTITY_MAPPING_RULES'
  | 'SESSION_TTL'
  | 'BEARER_TTL'
  | 'BEARER_CACHE_MS'
  | 'LOCKOUT_THRESHOLD'
  | 'LOCKOUT_SECONDS'
  | 'LOCKOUT_MAX_SECONDS'
>;

function readKey(path: string | undefined): string {
  const name = 'OIDC_CLIENT_KEY';
  if (!path)
    throw new ValidationError('CONFIG_INVALID', `${name} (PKCS#8 PEM file) is required with OIDC_CLIENT_AUTH=private_key_jwt`, { name });
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `${name} cannot be read (${path}): ${(err as Error).message}`, { name });
  }
}

/**
 * From the typed settings (every value, the issuer URL and the asymmetric-only algorithm list
 * included, was checked by the schema at start); only the rule across two of them is checked
 * here: private_key_jwt needs a readable OIDC_CLIENT_KEY.
 */
export function loadIdentityConfig(s: IdentitySettings, publicUrl: string): IdentityConfig {
  const base = publicUrl.replace(/\/$/, '');
  const clientAuth = s.OIDC_CLIENT_AUTH;
  return {
    oidcIssuer: s.OIDC_ISSUER ?? s.VNCONNECT_ISSUER,
    oidcClientId: s.OIDC_CLIENT_ID,
    oidcClientSecret: s.OIDC_CLIENT_SECRET,
    oidcClientAuth: clientAuth,
    oidcClientKeyPem: clientAuth === 'private_key_jwt' ? readKey(s.OIDC_CLIENT_KEY) : undefined,
    oidcClientKeyAlg: s.OIDC_CLIENT_KEY_ALG,
    oidcRedirectUri: s.OIDC_REDIRECT_URI ?? `${base}/auth/oidc/callback`,
    oidcAllowedAlgs: [...s.OIDC_ALLOWED_ALGS],
    oidcScope: s.OIDC_SCOPE,
    oidcAcrValues: s.OIDC_ACR_VALUES,
    mappingRulesPath: s.IDENTITY_MAPPING_RULES,
    oidcJwksCooldownMs: s.OIDC_JWKS_COOLDOWN_MS,
    sessionTtlSeconds: s.SESSION_TTL,
    bearerTtlSeconds: s.BEARER_TTL,
    bearerCacheMs: s.BEARER_CACHE_MS,
    lockoutThreshold: s.LOCKOUT_THRESHOLD,
    lockoutSeconds: s.LOCKOUT_SECONDS,
    lockoutMaxSeconds: s.LOCKOUT_MAX_SECONDS,
    secureCookies: base.startsWith('https://'),
  };
}

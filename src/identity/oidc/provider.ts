import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { UnavailableError } from '../../shared/errors.js';

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
}

export interface Provider {
  metadata: ProviderMetadata;
  jwks: JWTVerifyGetKey;
}

/**
 * The configured OIDC issuer, discovered once (/.well-known/openid-configuration) and cached.
 * The discovered `issuer` must equal the configured one (OIDC Discovery §4.3), otherwise a
 * tampered document could redirect verification to an attacker's keys.
 */
export class ProviderCache {
  private cached: { issuer: string; provider: Provider } | undefined;

  constructor(
    private readonly issuerOf: () => string | undefined,
    private readonly jwksCooldownMs: number,
  ) {}

  issuer(): string {
    const issuer = this.issuerOf();
    if (!issuer) throw new UnavailableError('OIDC_NOT_CONFIGURED', 'Chưa cấu hình nhà cung cấp định danh (OIDC_ISSUER)');
    return issuer.replace(/\/$/, '');
  }

  async get(): Promise<Provider> {
    const issuer = this.issuer();
    if (this.cached?.issuer === issuer) return this.cached.provider;
    let metadata: ProviderMetadata;
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      metadata = (await res.json()) as ProviderMetadata;
    } catch (err) {
      throw new UnavailableError('OIDC_DISCOVERY_FAILED', `Không kết nối được nhà cung cấp định danh: ${(err as Error).message}`, {
        issuer,
      });
    }
    if (metadata.issuer?.replace(/\/$/, '') !== issuer) {
      throw new UnavailableError('OIDC_DISCOVERY_FAILED', 'Discovery document names another issuer', {
        expected: issuer,
        got: metadata.issuer,
      });
    }
    const provider = {
      metadata,
      jwks: createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: this.jwksCooldownMs, timeoutDuration: 5000 }),
    };
    this.cached = { issuer, provider };
    return provider;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import { UnavailableError } from '../../shared/errors.js';
import { refuse } from '../audit.js';
import type { IdentityConfig } from '../config.js';
import { jwtFailureCode, jwtFailureMessage } from '../jwt-errors.js';
import { authLogins } from '../metrics.js';
import { markUsedOnce, oidcStatesStore } from '../store/sessions.js';
import type { UserWithSecret } from '../types.js';
import { tokenEndpointAuth } from './client-auth.js';
import { linkFederatedUser } from './federated-user.js';
import type { MappingRules } from './mapping.js';
import type { ProviderCache } from './provider.js';

const STATE_TTL_MS = 10 * 60 * 1000;
const random = () => randomBytes(32).toString('base64url');

/**
 * Authorization-code login with PKCE against the configured issuer (VNConnect by default).
 * The ID token is verified with the issuer's JWKS: explicit algorithms (never `none` or HMAC),
 * issuer, audience = our client id, expiry, and a nonce that matches this login and was never
 * seen before. Each refusal is audited with its stable code.
 */
export class OidcLogin {
  constructor(
    private readonly db: Database,
    private readonly config: IdentityConfig,
    private readonly provider: ProviderCache,
    private readonly rules: MappingRules,
    private readonly now: () => Date,
  ) {}

  /** Returns the authorize URL to redirect the browser to, and the state the browser must present back. */
  async start(returnTo?: string): Promise<{ url: string; state: string }> {
    const { metadata } = await this.provider.get();
    const state = random();
    const nonce = random();
    const codeVerifier = random();
    await oidcStatesStore.insert(this.db, {
      state,
      nonce,
      codeVerifier,
      returnTo: returnTo ?? null,
      expiresAt: new Date(this.now().getTime() + STATE_TTL_MS),
    });
    const url = new URL(metadata.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.oidcClientId,
      redirect_uri: this.config.oidcRedirectUri,
      scope: this.config.oidcScope,
      state,
      nonce,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      acr_values: this.config.oidcAcrValues,
    }).toString();
    return { url: url.toString(), state };
  }

  /** `browserState` is the state cookie set at start: a callback URL carried to another browser is refused (login CSRF). */
  async callback(params: {
    code?: string;
    state?: string;
    error?: string;
    browserState?: string;
  }): Promise<{ user: UserWithSecret; returnTo: string | null }> {
    if (!params.state || params.state !== params.browserState) {
      throw await refuse(this.db, 401, 'OIDC_STATE_MISMATCH', 'Phiên đăng nhập không khớp với trình duyệt này', {
        details: { hasCookie: params.browserState !== undefined },
      });
    }
    if (params.error)
      throw await refuse(this.db, 401, 'OIDC_LOGIN_REFUSED', `Nhà cung cấp định danh từ chối: ${params.error}`, {
        details: { error: params.error },
      });
    const login = params.state ? await oidcStatesStore.take(this.db, params.state, this.now()) : null;
    if (!login)
      throw await refuse(this.db, 401, 'OIDC_STATE_INVALID', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn', {
        details: { state: params.state ?? null },
      });
    if (!params.code) throw await refuse(this.db, 401, 'OIDC_CODE_MISSING', 'Thiếu mã xác thực (code)');
    const { metadata, jwks } = await this.provider.get();
    const tokens = await this.exchange(metadata.token_endpoint, params.code, login.codeVerifier);
    const claims = await this.verifyIdToken(tokens.id_token, login.nonce, jwks, metadata.issuer);
    const userinfo = await this.userinfo(metadata.userinfo_endpoint, tokens.access_token);
    if (userinfo.sub !== claims.sub) {
      throw await refuse(this.db, 401, 'USERINFO_SUBJECT_MISMATCH', 'userinfo sub differs from the ID token sub', {
        actor: String(claims.sub),
      });
    }
    const user = await linkFederatedUser(this.db, this.rules, metadata.issuer, { ...userinfo, sub: claims.sub! }, this.now());
    if (user.status === 'disabled') {
      throw await refuse(this.db, 403, 'ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa', {
        actor: user.id,
        details: { reason: user.disabledReason },
      });
    }
    await appendAudit(this.db, {
      actor: user.id,
      action: 'auth.login',
      subject: user.id,
      orgUnitId: user.orgUnitId ?? undefined,
      details: { method: 'oidc', issuer: metadata.issuer, status: user.status },
    });
    authLogins.inc({ method: 'oidc' });
    return { user, returnTo: login.returnTo };
  }

  /** Exposed for tests of the verification rules alone. */
  async verifyIdToken(idToken: string | undefined, expectedNonce: string, jwks: JWTVerifyGetKey, issuer: string): Promise<JWTPayload> {
    if (!idToken) throw await refuse(this.db, 401, 'TOKEN_MALFORMED', 'Token endpoint returned no id_token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        issuer,
        audience: this.config.oidcClientId,
        algorithms: this.config.oidcAllowedAlgs,
        currentDate: this.now(),
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
        clockTolerance: 60,
      }));
    } catch (err) {
      throw await refuse(this.db, 401, jwtFailureCode(err), `ID token refused: ${jwtFailureMessage(err)}`, { details: { issuer } });
    }
    const nonce = String(payload.nonce);
    const expires = new Date(Math.max((payload.exp ?? 0) * 1000, this.now().getTime()) + 60_000);
    // Seen-before is checked first: an old token replayed into a new login is a replay, not a typo.
    if (!(await markUsedOnce(this.db, 'nonce', `${issuer}|${nonce}`, expires))) {
      throw await refuse(this.db, 401, 'TOKEN_REPLAYED', 'ID token nonce was already used', { actor: String(payload.sub) });
    }
    if (nonce !== expectedNonce) {
      throw await refuse(this.db, 401, 'TOKEN_NONCE_INVALID', 'ID token nonce does not match this login', { actor: String(payload.sub) });
    }
    return payload;
  }

  private async exchange(tokenEndpoint: string, code: string, codeVerifier: string): Promise<{ id_token?: string; access_token: string }> {
    const auth = await tokenEndpointAuth(this.config, tokenEndpoint, this.now());
    const res = await this.send(tokenEndpoint, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.config.oidcRedirectUri,
        code_verifier: codeVerifier,
        ...auth.form,
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      id_token?: string;
      access_token?: string;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      throw await refuse(
        this.db,
        401,
        'OIDC_CODE_REJECTED',
        `Token endpoint refused the code: ${body.error ?? res.status} ${body.error_description ?? ''}`.trim(),
      );
    }
    return { id_token: body.id_token, access_token: body.access_token };
  }

  private async userinfo(endpoint: string, accessToken: string): Promise<Record<string, unknown>> {
    const res = await this.send(endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) throw new UnavailableError('OIDC_USERINFO_FAILED', `userinfo answered HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new UnavailableError('OIDC_PROVIDER_UNAVAILABLE', `Không kết nối được nhà cung cấp định danh: ${(err as Error).message}`);
    }
  }
}

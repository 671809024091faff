import { createHash, randomBytes } from 'node:crypto';
import express, { type Express, type Response } from 'express';
import { faultControlRouter, faultStage, type FaultSwitch } from '../faults.js';
import { authorizePage } from './authorize-page.js';
import { authenticateClient, type RegisteredClient } from './client-auth.js';
import type { KeyRing } from './keys.js';
import { personBy, userinfoOf, type TestPerson } from './people.js';

export interface VnconnectOptions {
  clients: Record<string, RegisteredClient>;
  idTokenLifetimeSeconds: number;
  now: () => Date;
}

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce?: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}
interface IssuedCode extends PendingAuthorization {
  person: TestPerson;
  expiresAt: number;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const oauthError = (res: Response, status: number, error: string, description: string) =>
  res.status(status).json({ error, error_description: description });

/**
 * A real OIDC provider shaped like VNConnect (WSO2 paths): discovery, authorize (with PKCE),
 * token, userinfo, JWKS. The simulator accepts any redirect_uri at authorize (ports are
 * ephemeral in tests) but requires the same one at the token endpoint, as the spec demands.
 * `/_sim/next-id-token` lets attack tests make the token endpoint answer with a forged ID token.
 */
export function vnconnectApp(issuer: () => string, keys: KeyRing, faults: FaultSwitch, options: VnconnectOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(faultControlRouter(faults));
  app.use(faultStage(faults));
  const pending = new Map<string, PendingAuthorization>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, TestPerson>();
  let forgedIdToken: string | null = null;
  const seenJtis = new Set<string>();

  app.get('/.well-known/openid-configuration', (_req, res) => {
    const base = issuer();
    res.json({
      issuer: base,
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      userinfo_endpoint: `${base}/oauth2/userinfo`,
      jwks_uri: `${base}/oauth2/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: ['LoA1', 'LoA2'],
      claims_supported: ['sub', 'SoDinhDanh', 'HoVaTen', 'LoaiTaiKhoan', 'email'],
    });
  });

  app.get('/oauth2/authorize', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.response_type !== 'code') return oauthError(res, 400, 'unsupported_response_type', 'response_type must be code');
    if (!q.client_id || options.clients[q.client_id] === undefined) return oauthError(res, 400, 'unauthorized_client', 'unknown client_id');
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri)) return oauthError(res, 400, 'invalid_request', 'redirect_uri required');
    if (!q.scope?.split(' ').includes('openid')) return oauthError(res, 400, 'invalid_scope', 'scope must include openid');
    if (!q.code_challenge || q.code_challenge_method !== 'S256') return oauthError(res, 400, 'invalid_request', 'PKCE S256 required');
    const tx = b64url(randomBytes(12));
    pending.set(tx, {
      clientId: q.client_id,
      redirectUri: q.redirect_uri,
      state: q.state ?? '',
      nonce: q.nonce,
      codeChallenge: q.code_challenge,
      codeChallengeMethod: 'S256',
    });
    // Tests may skip the picker: login_hint=<sub or SoDinhDanh> logs that person in at once.
    if (q.login_hint && personBy(q.login_hint)) return redirectWithCode(res, tx, personBy(q.login_hint)!);
    res.type('html').send(authorizePage(tx, q.client_id));
  });

  app.post('/oauth2/authorize/confirm', (req, res) => {
    const person = personBy(String(req.body?.person ?? ''));
    if (!person || !pending.has(String(req.body?.tx)))
      return oauthError(res, 400, 'invalid_request', 'unknown login transaction or person');
    redirectWithCode(res, String(req.body.tx), person);
  });

  function redirectWithCode(res: Response, tx: string, person: TestPerson): void {
    const p = pending.get(tx)!;
    pending.delete(tx);
    const code = b64url(randomBytes(24));
    codes.set(code, { ...p, person, expiresAt: options.now().getTime() + 60_000 });
    const target = new URL(p.redirectUri);
    target.searchParams.set('code', code);
    if (p.state) target.searchParams.set('state', p.state);
    res.redirect(302, target.toString());
  }

  app.post('/oauth2/token', async (req, res) => {
    const clientId = await authenticateClient(req, options.clients, [`${issuer()}/oauth2/token`, issuer()], seenJtis);
    if (!clientId) return oauthError(res, 401, 'invalid_client', 'client authentication failed');
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (body.grant_type !== 'authorization_code') return oauthError(res, 400, 'unsupported_grant_type', 'authorization_code only');
    const issued = body.code ? codes.get(body.code) : undefined;
    if (body.code) codes.delete(body.code);
    if (!issued || issued.expiresAt < options.now().getTime() || issued.clientId !== clientId)
      return oauthError(res, 400, 'invalid_grant', 'unknown or expired code');
    if (body.redirect_uri !== issued.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri mismatch');
    const challenge = b64url(
      createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest(),
    );
    if (!body.code_verifier || challenge !== issued.codeChallenge) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
    const accessToken = b64url(randomBytes(24));
    accessTokens.set(accessToken, issued.person);
    const idToken =
      forgedIdToken ??
      (await keys.sign(
        {
          iss: issuer(),
          sub: issued.person.sub,
          aud: clientId,
          nonce: issued.nonce,
          acr: 'LoA1',
          auth_time: Math.floor(options.now().getTime() / 1000),
        },
        options.idTokenLifetimeSeconds,
      ));
    forgedIdToken = null;
    res
      .set('cache-control', 'no-store')
      .json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, id_token: idToken, scope: 'openid' });
  });

  app.get('/oauth2/userinfo', (req, res) => {
    const auth = req.get('authorization') ?? '';
    const person = auth.startsWith('Bearer ') ? accessTokens.get(auth.slice(7)) : undefined;
    if (!person) return res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
    res.json(userinfoOf(person));
  });

  app.get('/oauth2/jwks', (_req, res) => {
    res.json(keys.jwks());
  });

  app.post('/_sim/rotate-keys', async (_req, res) => {
    res.json(await keys.rotate());
  });

  app.put('/_sim/next-id-token', (req, res) => {
    const token = (req.body as { idToken?: unknown } | undefined)?.idToken;
    if (typeof token !== 'string') return res.status(400).json({ code: 'SIM_ID_TOKEN_REQUIRED', message: 'idToken (string) required' });
    forgedIdToken = token;
    res.status(204).end();
  });

  return app;
}

import { SignJWT, UnsecuredJWT, exportSPKI, generateKeyPair, importJWK, type CryptoKey, type JWTPayload } from 'jose';
import type { RunningVnconnect } from '../../../src/sim/vnconnect/simulator.js';
import type { IdentityHarness } from './gateway.js';
import { Client, type Reply } from './http.js';

/** Claims of a well-formed ID token for `person` in the login whose nonce is given. */
export function idClaims(h: IdentityHarness, nonce: string, person = 'vnc-0001'): JWTPayload {
  return { iss: h.sim.url, aud: 'lienthong', sub: person, nonce };
}

/** Signed by the simulator's current key: valid unless the claims are bad. */
export async function signedBySim(sim: RunningVnconnect, claims: JWTPayload, lifetimeSeconds = 300, iatOffsetSeconds = 0): Promise<string> {
  const { kid, privateKey } = sim.keys.currentPrivateKey();
  const iat = Math.floor(Date.now() / 1000) + iatOffsetSeconds;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(privateKey);
}

export function unsigned(claims: JWTPayload): string {
  const iat = Math.floor(Date.now() / 1000);
  return new UnsecuredJWT({ ...claims, iat, exp: iat + 300 }).encode();
}

/** The classic key-confusion attack: HS256 keyed with the issuer's public key (PEM bytes). */
export async function hs256WithPublicKey(sim: RunningVnconnect, claims: JWTPayload): Promise<string> {
  const { kid, publicJwk } = sim.keys.currentPrivateKey();
  const pem = await exportSPKI((await importJWK(publicJwk, 'RS256', { extractable: true })) as CryptoKey);
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(new TextEncoder().encode(pem));
}

export async function unknownKid(claims: JWTPayload): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'khoa-la' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(privateKey);
}

export interface LoginAttempt {
  client: Client;
  callback: Reply;
  callbackUrl: string;
  nonce: string;
}

/**
 * Drives one VNConnect login over HTTP: /auth/oidc/start → simulator authorize (login_hint picks
 * the person) → /auth/oidc/callback. `forge` makes the simulator's token endpoint answer with
 * a forged ID token built for this login's nonce.
 */
export async function oidcLogin(h: IdentityHarness, person: string, forge?: (nonce: string) => Promise<string>): Promise<LoginAttempt> {
  const client = new Client(h.base);
  const start = await client.call('GET', '/auth/oidc/start');
  if (start.status !== 302) throw new Error(`oidc start answered ${start.status}: ${JSON.stringify(start.body)}`);
  const authorize = new URL(start.headers.get('location')!);
  const nonce = authorize.searchParams.get('nonce')!;
  if (forge) {
    const idToken = await forge(nonce);
    await fetch(`${h.sim.url}/_sim/next-id-token`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken }),
    });
  }
  authorize.searchParams.set('login_hint', person);
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const callbackUrl = redirect.headers.get('location');
  if (!callbackUrl) throw new Error(`authorize answered ${redirect.status}: ${await redirect.text()}`);
  const callback = await client.call('GET', callbackUrl);
  return { client, callback, callbackUrl, nonce };
}

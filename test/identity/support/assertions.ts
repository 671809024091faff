import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, importPKCS8, type JWTPayload } from 'jose';

/** The demo ministry client's private key (fixtures/identity, demo only). */
export const DEMO_CLIENT_KEY_PEM = readFileSync(
  new URL('../../../fixtures/identity/demo-ministry-client.key.pem', import.meta.url),
  'utf8',
);
export const DEMO_CLIENT_CERT_PEM = readFileSync(
  new URL('../../../fixtures/identity/demo-ministry-client.cert.pem', import.meta.url),
  'utf8',
);

export interface AssertionOptions {
  clientId: string;
  audience: string;
  keyPem?: string;
  claims?: JWTPayload;
  lifetimeSeconds?: number;
  iatOffsetSeconds?: number;
}

/** A private_key_jwt client assertion (RFC 7523): iss = sub = client_id, aud = token endpoint, one-time jti. */
export async function clientAssertion(o: AssertionOptions): Promise<string> {
  const key = await importPKCS8(o.keyPem ?? DEMO_CLIENT_KEY_PEM, 'RS256');
  const iat = Math.floor(Date.now() / 1000) + (o.iatOffsetSeconds ?? 0);
  return new SignJWT({ jti: randomUUID(), ...o.claims })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(o.clientId)
    .setSubject(o.clientId)
    .setAudience(o.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetimeSeconds ?? 120))
    .sign(key);
}

export function unsignedAssertion(clientId: string, audience: string): string {
  const iat = Math.floor(Date.now() / 1000);
  return new UnsecuredJWT({ jti: randomUUID() })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .encode();
}

/** HS256 keyed with the client's own certificate, which is public: must never be accepted. */
export async function hs256WithCertificate(clientId: string, audience: string): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(new TextEncoder().encode(DEMO_CLIENT_CERT_PEM));
}

export function tokenRequest(assertion: string, clientId?: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...(clientId ? { client_id: clientId } : {}),
  };
}

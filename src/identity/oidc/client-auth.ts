import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import type { IdentityConfig } from '../config.js';

/**
 * How the gateway authenticates itself at the issuer's token endpoint: HTTP Basic with the
 * client secret, or a private_key_jwt assertion (RFC 7523) signed with OIDC_CLIENT_KEY, good for
 * 60 seconds and one use. Returns the headers and form fields to add to the token request.
 */
export async function tokenEndpointAuth(
  config: IdentityConfig,
  tokenEndpoint: string,
  now: Date,
): Promise<{ headers: Record<string, string>; form: Record<string, string> }> {
  if (config.oidcClientAuth === 'client_secret_basic') {
    const basic = Buffer.from(`${encodeURIComponent(config.oidcClientId)}:${encodeURIComponent(config.oidcClientSecret)}`).toString(
      'base64',
    );
    return { headers: { authorization: `Basic ${basic}` }, form: {} };
  }
  const key = await importPKCS8(config.oidcClientKeyPem!, config.oidcClientKeyAlg);
  const iat = Math.floor(now.getTime() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: config.oidcClientKeyAlg })
    .setIssuer(config.oidcClientId)
    .setSubject(config.oidcClientId)
    .setAudience(tokenEndpoint)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(key);
  return {
    headers: {},
    form: {
      client_id: config.oidcClientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    },
  };
}

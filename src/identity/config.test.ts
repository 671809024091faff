import { describe, expect, it } from 'vitest';
import { readSettings } from '../settings/read-settings.js';
import { loadIdentityConfig } from './config.js';
import { safeReturnTo } from './login-page.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** As the module gets them: the environment read by the schema, then the identity reader. */
const identityFrom = (env: Record<string, string>, publicUrl: string) => loadIdentityConfig(readSettings(env), publicUrl);
const invalid = (name: string) => expect.objectContaining({ code: 'CONFIG_INVALID', details: expect.objectContaining({ name }) });

describe('identity configuration', () => {
  it('defaults: RS256/ES256, 5 failures lock for 15 minutes, redirect URI under PUBLIC_URL, Secure cookies on https', () => {
    const c = identityFrom({}, 'https://baocao.laichau.gov.vn/');
    expect(c.oidcAllowedAlgs).toEqual(['RS256', 'ES256']);
    expect(c.lockoutThreshold).toBe(5);
    expect(c.lockoutSeconds).toBe(900);
    expect(c.oidcRedirectUri).toBe('https://baocao.laichau.gov.vn/auth/oidc/callback');
    expect(c.oidcClientSecret).toBe('lienthong-demo-secret');
    expect(c.secureCookies).toBe(true);
    expect(identityFrom({}, 'http://127.0.0.1:8080').secureCookies).toBe(false);
  });

  it('takes the configured values, the old VNCONNECT_ISSUER name included', () => {
    const c = identityFrom(
      {
        VNCONNECT_ISSUER: 'https://vnconnect.example.vn',
        OIDC_ALLOWED_ALGS: 'ES384, EdDSA',
        OIDC_CLIENT_ID: 'laichau',
        DEMO_PASSWORD: 'x',
      },
      'http://x',
    );
    expect([c.oidcIssuer, c.oidcAllowedAlgs, c.oidcClientId]).toEqual(['https://vnconnect.example.vn', ['ES384', 'EdDSA'], 'laichau']);
  });

  it.each([
    ['OIDC_ALLOWED_ALGS', 'RS256,HS256'],
    ['OIDC_ALLOWED_ALGS', 'none'],
    ['OIDC_ALLOWED_ALGS', ','],
    ['LOCKOUT_THRESHOLD', '0'],
    ['OIDC_ISSUER', 'vnconnect.gov.vn'],
    ['OIDC_CLIENT_AUTH', 'tls_client_auth'],
  ])('refuses %s=%s with CONFIG_INVALID naming it (symmetric or none algorithms never)', (name, value) => {
    expect(() => identityFrom({ [name]: value }, 'http://x')).toThrow(invalid(name));
  });

  it('needs a readable OIDC_CLIENT_KEY with private_key_jwt', () => {
    expect(() => identityFrom({ OIDC_CLIENT_AUTH: 'private_key_jwt' }, 'http://x')).toThrow(invalid('OIDC_CLIENT_KEY'));
    expect(() => identityFrom({ OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_KEY: '/khong/co.pem' }, 'http://x')).toThrow(
      invalid('OIDC_CLIENT_KEY'),
    );
  });
});

describe('post-login redirect target', () => {
  it('accepts only same-site relative paths (no open redirect)', () => {
    expect(safeReturnTo('/console/units?x=1')).toBe('/console/units?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'console', '/a b', undefined, 42])
      expect(safeReturnTo(bad)).toBeUndefined();
  });
});

describe('password hashing', () => {
  it('uses scrypt with a per-user salt and verifies only the right password', async () => {
    const a = await hashPassword('mật khẩu dài 2026');
    const b = await hashPassword('mật khẩu dài 2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài 2026', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài 2027', a)).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

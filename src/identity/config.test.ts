import { describe, expect, it } from 'vitest';
import { loadIdentityConfig } from './config.js';
import { safeReturnTo } from './login-page.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('identity configuration', () => {
  it('defaults: RS256/ES256, 5 failures lock for 15 minutes, redirect URI under PUBLIC_URL, Secure cookies on https', () => {
    const c = loadIdentityConfig({}, 'https://baocao.laichau.gov.vn/');
    expect(c.oidcAllowedAlgs).toEqual(['RS256', 'ES256']);
    expect(c.lockoutThreshold).toBe(5);
    expect(c.lockoutSeconds).toBe(900);
    expect(c.oidcRedirectUri).toBe('https://baocao.laichau.gov.vn/auth/oidc/callback');
    expect(c.secureCookies).toBe(true);
    expect(loadIdentityConfig({}, 'http://127.0.0.1:8080').secureCookies).toBe(false);
  });

  it('refuses symmetric or none algorithms and bad numbers with CONFIG_INVALID', () => {
    expect(() => loadIdentityConfig({ OIDC_ALLOWED_ALGS: 'RS256,HS256' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadIdentityConfig({ OIDC_ALLOWED_ALGS: 'none' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadIdentityConfig({ LOCKOUT_THRESHOLD: '0' }, 'http://x')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadIdentityConfig({ OIDC_ISSUER: 'vnconnect.gov.vn' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadIdentityConfig({ OIDC_CLIENT_AUTH: 'private_key_jwt' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadIdentityConfig({ OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_KEY: '/khong/co.pem' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadIdentityConfig({ OIDC_CLIENT_AUTH: 'tls_client_auth' }, 'http://x')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
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

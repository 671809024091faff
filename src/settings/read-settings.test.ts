import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { describeSettings, readSettings } from './read-settings.js';
import { SETTINGS } from './schema.js';

const SRC = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sim' || name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Variable names the code reads from an environment object: env.X, env['X'], helper(env, 'X'),
 * and names in tables of settings (a quoted NAME ending like a setting: _MS, _SECONDS, _URL, ...).
 */
function namesRead(text: string): string[] {
  const found = new Set<string>();
  const tabled = /['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:MS|SECONDS|DAYS|URL|DIR|FILE|PORT|CRON|LIMIT|BYTES))['"]/g;
  for (const re of [
    /\benv\.([A-Z][A-Z0-9_]{2,})\b/g,
    /\benv\[['"]([A-Z][A-Z0-9_]{2,})['"]\]/g,
    /\(env, ['"]([A-Z][A-Z0-9_]{2,})['"]/g,
    tabled,
  ]) {
    for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return [...found];
}

/** Areas that take their settings typed from `config.settings`: none reads a schema variable from an environment object. */
const TYPED_AREAS = [
  'backup',
  'console',
  'core',
  'demo',
  'identity',
  'ministry',
  'notifications',
  'observability',
  'ops',
  'scanning',
  'webapp',
];

/** `env.X`, `env?.X`, `env['X']`, `settingFrom(env, 'X')`, `process.env.X`: a raw read of a named variable. */
function rawReads(text: string): string[] {
  const found = new Set<string>();
  for (const re of [
    /\benv\??\.([A-Z][A-Z0-9_]{2,})\b/g,
    /\benv\[['"]([A-Z][A-Z0-9_]{2,})['"]\]/g,
    /settingFrom\([^,]+, ['"]([A-Z][A-Z0-9_]{2,})['"]/g,
  ]) {
    for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return [...found];
}

describe('the settings schema', () => {
  it('names every variable the gateway reads (simulators read their own SIM_* settings)', () => {
    const outside = new Set(['VITEST', 'USER']);
    const missing = sources(SRC)
      .flatMap((file) => namesRead(readFileSync(file, 'utf8')).map((name) => ({ file: file.slice(SRC.length), name })))
      // A name ending in _ is a prefix (SIGNING_, LEADER_SIGNING_): its members are listed one by one.
      .filter(({ name }) => !name.endsWith('_') && !(name in SETTINGS) && !outside.has(name));
    expect(missing).toEqual([]);
  });

  it('is read typed in the areas that moved to it: no raw env read of a variable it declares', () => {
    const raw = TYPED_AREAS.flatMap((area) => sources(join(SRC, area)))
      .flatMap((file) => rawReads(readFileSync(file, 'utf8')).map((name) => ({ file: file.slice(SRC.length), name })))
      .filter(({ name }) => name in SETTINGS);
    expect(raw).toEqual([]);
  });

  it('types every value and takes the default for unset or empty variables', () => {
    const s = readSettings({ PORT: '9001', DELIVERY_WORKER: 'no', RETRY_JITTER: '0.5', CATALOG_PUSH: '' });
    expect([s.PORT, s.DELIVERY_WORKER, s.RETRY_JITTER, s.CATALOG_PUSH, s.NATIONAL_TIMEOUT_MS, s.NATIONAL_URL]).toEqual([
      9001,
      false,
      0.5,
      true,
      10_000,
      undefined,
    ]);
  });

  it.each([
    ['PORT', '80a'],
    ['PORT', '70000'],
    ['NATIONAL_TIMEOUT_MS', '0'],
    ['CATALOG_PUSH_INTERVAL_MS', '999'],
    ['NATIONAL_RECEIPTS_SIGNED', 'maybe'],
    ['RETRY_JITTER', '2'],
    ['NATIONAL_URL', 'baocao.gov.vn'],
    ['SCAN_ON_UNAVAILABLE', 'ignore'],
    ['MINISTRY_XML_LIMIT', 'large'],
    // Read typed by identity, backup, demo, ops and the CLI since their own parsers went.
    ['OIDC_ALLOWED_ALGS', 'RS256,HS256'],
    ['OIDC_CLIENT_AUTH', 'tls_client_auth'],
    ['RATE_LIMIT_LOGIN_PER_IP', '-1'],
    ['BACKUP_RETENTION_DAYS', '0'],
    ['DEMO_TRAFFIC', 'maybe'],
    ['DEMO_SHOWCASE', 'nein'],
    ['LIENTHONG_URL', 'gateway.local'],
  ])('refuses %s=%s at start with CONFIG_INVALID naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', details: { name } }));
  });

  it('reports each value, its default and whether it came from the environment, secrets masked', () => {
    const rows = describeSettings({ NATIONAL_URL: 'https://baocao.example.vn/api', SIGNING_P12_PASSWORD: 'mat-khau-that', PORT: '9001' });
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('NATIONAL_URL')).toMatchObject({ value: 'https://baocao.example.vn/api', source: 'env', area: 'channels' });
    expect(row('PORT')).toMatchObject({ value: '9001', default: '8080', source: 'env' });
    expect(row('DELIVERY_CONCURRENCY')).toMatchObject({ value: '64', default: '64', source: 'default' });
    expect(row('SIGNING_P12_PASSWORD')).toMatchObject({ value: '********', source: 'env', secret: true });
    expect(JSON.stringify(rows)).not.toContain('mat-khau-that');
    expect(rows).toHaveLength(Object.keys(SETTINGS).length);
  });
});

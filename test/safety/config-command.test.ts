import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

interface Row {
  name: string;
  value: string | null;
  default: string | null;
  source: 'env' | 'default';
  area: string;
  secret: boolean;
}

/** The binary as an operator runs it, with only the variables given (no inherited settings). */
async function lienthongConfig(env: Record<string, string>, ...args: string[]) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'error' };
  return promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, 'config', ...args], { env: { ...base, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('lienthong config', () => {
  it('prints every setting with its value, default and source; secrets masked', async () => {
    const env = { NATIONAL_URL: 'https://baocao.example.vn/api', EDOC_SECRET: 'bi-mat-truc', DELIVERY_CONCURRENCY: '8' };
    const json = await lienthongConfig(env, '--json');
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.stdout) as { settings: Row[] }).settings;
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('NATIONAL_URL')).toMatchObject({ value: 'https://baocao.example.vn/api', source: 'env' });
    expect(row('DELIVERY_CONCURRENCY')).toMatchObject({ value: '8', default: '64', source: 'env' });
    expect(row('RETRY_MAX_ATTEMPTS')).toMatchObject({ value: '20', default: '20', source: 'default' });
    expect(row('EDOC_SECRET')).toMatchObject({ value: '********', source: 'env' });
    expect(json.stdout).not.toContain('bi-mat-truc');

    const text = await lienthongConfig(env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^DELIVERY_CONCURRENCY\s+env\s+8 {2}\(mặc định: 64\)/m);
    expect(text.stdout).toMatch(/^RETRY_MAX_ATTEMPTS\s+default\s+20 /m);
    expect(text.stdout).not.toContain('bi-mat-truc');
  });

  it('prints the settings identity, backup, demo, ops and the CLI read typed, each with its default and source', async () => {
    const env = { DEMO_PASSWORD: 'mat-khau-demo-that', BACKUP_RETENTION_DAYS: '14', OIDC_ALLOWED_ALGS: 'ES256', DEMO_SHOWCASE: 'false' };
    const res = await lienthongConfig(env, '--json');
    expect(res.code).toBe(0);
    const rows = (JSON.parse(res.stdout) as { settings: Row[] }).settings;
    const byName = new Map(rows.map((r) => [r.name, r]));
    const expected: [string, Partial<Row> & { area: string }][] = [
      ['OIDC_ALLOWED_ALGS', { area: 'identity', value: 'ES256', default: 'RS256,ES256', source: 'env' }],
      ['OIDC_CLIENT_SECRET', { area: 'identity', value: 'khóa demo', default: 'khóa demo', source: 'default', secret: true }],
      ['DEMO_PASSWORD', { area: 'identity', value: '********', source: 'env', secret: true }],
      ['RATE_LIMIT_WINDOW_SECONDS', { area: 'identity', value: '60', default: '60', source: 'default' }],
      ['RATE_LIMIT_LOGIN_PER_IP', { area: 'identity', value: '60', default: '60', source: 'default' }],
      ['RATE_LIMIT_MINISTRY_PER_IP', { area: 'identity', value: '2400', default: '2400', source: 'default' }],
      ['BACKUP_DIR', { area: 'operations', value: null, default: null, source: 'default' }],
      ['BACKUP_CRON', { area: 'operations', value: '30 1 * * *', default: '30 1 * * *', source: 'default' }],
      ['BACKUP_RETENTION_DAYS', { area: 'operations', value: '14', default: '30', source: 'env' }],
      ['PG_BIN_DIR', { area: 'operations', value: null, default: null, source: 'default' }],
      ['OPS_TOKEN_FILE', { area: 'operations', value: 'cạnh DATA_DIR', default: 'cạnh DATA_DIR', source: 'default' }],
      ['DEMO_TRAFFIC', { area: 'demo', default: 'true trên máy demo', source: 'default' }],
      ['DEMO_SHOWCASE', { area: 'demo', value: 'false', default: 'true', source: 'env' }],
      ['DEMO_INTERVAL_MS', { area: 'demo', value: '20000', default: '20000', source: 'default' }],
      ['LIENTHONG_URL', { area: 'cli', value: null, source: 'default' }],
      ['LIENTHONG_TOKEN', { area: 'cli', value: null, source: 'default', secret: true }],
      ['LIENTHONG_PASSWORD', { area: 'cli', value: null, source: 'default', secret: true }],
    ];
    for (const [name, row] of expected) expect(byName.get(name), name).toMatchObject(row);
    expect(res.stdout).not.toContain('mat-khau-demo-that');
  });

  it.each([
    ['NATIONAL_TIMEOUT_MS', 'mười giây'],
    ['BACKUP_RETENTION_DAYS', 'một tháng'],
    ['OIDC_ALLOWED_ALGS', 'HS256'],
    ['DEMO_SHOWCASE', 'nein'],
  ])('fails with CONFIG_INVALID naming %s, as the start would', async (name, value) => {
    const res = await lienthongConfig({ [name]: value }, '--json');
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'CONFIG_INVALID', details: { name } } });
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

interface Row {
  name: string;
  value: string | null;
  default: string | null;
  source: 'env' | 'default';
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

  it('fails with CONFIG_INVALID naming the variable, as the start would', async () => {
    const res = await lienthongConfig({ NATIONAL_TIMEOUT_MS: 'mười giây' }, '--json');
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: 'CONFIG_INVALID', details: { name: 'NATIONAL_TIMEOUT_MS' } } });
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin', 'lienthong.js');

/**
 * The CLI beside a running embedded gateway: the gateway holds the store, the CLI finds it
 * through the owner-only access file and asks its API (status, timeliness, replay).
 */
describe('lienthong CLI beside the running gateway', () => {
  let h: RealHarness;
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-ops-'));
  const tokenFile = join(dir, 'ops-token.json');
  const env = { ...process.env, OPS_TOKEN_FILE: tokenFile, DATA_DIR: join(dir, 'pglite'), LOG_LEVEL: 'error', LIENTHONG_SKIP_BUILD: '1' };
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, [BIN, ...args], { env, timeout: 120_000 });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };

  beforeAll(async () => {
    h = await startRealGateway({ OPS_TOKEN_FILE: tokenFile });
    h.gw.ctx.services.ops!.cliAccess.publish(h.base);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('writes the access file readable by its owner only', () => {
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const access = JSON.parse(readFileSync(tokenFile, 'utf8')) as { url: string; token: string; pid: number };
    expect(access).toMatchObject({ url: h.base, pid: process.pid });
    expect(access.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a wrong ops token instead of ignoring it', async () => {
    const res = await fetch(`${h.base}/api/v1/console/overview`, { headers: { 'x-lienthong-ops-token': 'wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'OPS_TOKEN_INVALID' });
    expect((await fetch(`${h.base}/api/v1/console/overview`)).status).toBe(401);
  });

  it('status --json answers from the running gateway (PGlite held by it)', async () => {
    const r = await cli('status', '--json');
    expect(r.code).toBe(0);
    const status = JSON.parse(r.out) as { source: string; byState: Record<string, number>; circuits: unknown[]; attention: unknown[] };
    const summary = await h.delivery.summary();
    expect(status.source).toBe('gateway');
    expect(status.byState).toEqual(summary.byState);
    expect(status.circuits.length).toBeGreaterThan(0);
    expect(Array.isArray(status.attention)).toBe(true);
  }, 120_000);

  it('prints Vietnamese tables for people', async () => {
    const r = await cli('status');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Trạng thái liên thông (mọi kỳ)');
    expect(r.out).toMatch(/^Đã xác nhận\s+\d+$/m);
    expect(r.out).toContain(`nguồn: gateway đang chạy ${h.base}`);
  }, 120_000);

  it('timeliness and replay go through the API; errors are JSON with --json', async () => {
    const [assignment] = await h.core.assignments.list({});
    const t = await cli('timeliness', '--period', assignment!.periodKey, '--json');
    expect(t.code).toBe(0);
    const report = JSON.parse(t.out) as {
      periodKey: string;
      units: { orgUnitId: string; pending: number }[];
      names: Record<string, string>;
    };
    expect(report.periodKey).toBe(assignment!.periodKey);
    expect(report.units.length).toBeGreaterThan(0);
    expect(Object.keys(report.names).length).toBeGreaterThan(0);

    const replay = await cli('replay', 'PKT-unknown', '--json');
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.out)).toEqual({ requeued: [], skipped: [{ packetId: 'PKT-unknown', reason: expect.any(String) }] });

    const usage = await cli('timeliness', '--json');
    expect(usage.code).not.toBe(0);
    expect(JSON.parse(usage.out)).toMatchObject({ error: { code: 'CLI_USAGE' } });
  }, 180_000);

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect((await cli('--version')).out.trim()).toBe(pkg.version);
  }, 60_000);
});

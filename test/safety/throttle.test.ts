import { Command } from 'commander';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerUsers } from '../../src/cli/commands/users.js';
import { identityRunner } from '../../src/cli/support/identity-runner.js';
import { rateLimits } from '../../src/identity/throttle/rate-limits.js';
import { readSettings } from '../../src/settings/read-settings.js';
import { redisLinkSettings } from '../../src/shared/redis-link.js';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../support/databases.js';
import { startIdentityHarness, type IdentityHarness } from '../identity/support/gateway.js';
import { Client, bearerFor } from '../identity/support/http.js';

/** Login throttling on the real gateway (PostgreSQL), sources told apart by X-Forwarded-For from the loopback proxy. */
describe('login lockout per account and source, rate limits, admin unlock', () => {
  let h: IdentityHarness;
  const start = Date.parse('2026-11-03T02:00:00Z');
  let offsetMs = 0;
  beforeAll(async () => {
    h = await startIdentityHarness({
      env: {
        LOCKOUT_THRESHOLD: '3',
        LOCKOUT_SECONDS: '900',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_LOGIN_PER_IP: '12',
        RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
      },
      now: () => new Date(start + offsetMs),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const token = (from: string, username: string, password: string) =>
    new Client(h.base).call<{ code: string; details?: { lockedUntil: string; limit: string } }>('POST', '/api/v1/auth/token', {
      json: { username, password },
      headers: { 'x-forwarded-for': from },
    });

  it('locks only the failing source out of an account, with a doubling lock; the owner elsewhere still logs in', async () => {
    for (let i = 0; i < 3; i += 1) expect((await token('198.51.100.66', 'admin', `doan-${i}`)).body.code).toBe('CREDENTIALS_INVALID');
    const locked = await token('198.51.100.66', 'admin', DEMO_PASSWORD);
    expect([locked.status, locked.body.code]).toEqual([401, 'ACCOUNT_LOCKED']);
    expect(Date.parse(locked.body.details!.lockedUntil) - (start + offsetMs)).toBe(900_000);
    // The outsider's failures cost the real admin nothing.
    expect((await token('10.20.0.5', 'admin', DEMO_PASSWORD)).status).toBe(200);
    const audit = await listAudit(h.t.db, { action: 'user.locked' });
    expect(audit.map((e) => e.details)).toEqual([expect.objectContaining({ source: '198.51.100.66' })]);
    // After the lock: three more failures lock twice as long.
    offsetMs += 901_000;
    for (let i = 0; i < 3; i += 1) expect((await token('198.51.100.66', 'admin', `lai-${i}`)).body.code).toBe('CREDENTIALS_INVALID');
    const again = await token('198.51.100.66', 'admin', DEMO_PASSWORD);
    expect(again.body.code).toBe('ACCOUNT_LOCKED');
    expect(Date.parse(again.body.details!.lockedUntil) - (start + offsetMs)).toBe(1_800_000);
  });

  it('lets an admin unlock through the API (audited), and refuses a non-admin', async () => {
    const users = (
      await new Client(h.base).call<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users', {
        headers: { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}`, 'x-forwarded-for': '10.20.0.5' },
      })
    ).body.users;
    const admin = users.find((u) => u.username === 'admin')!;
    const ops = new Client(h.base).call<{ code: string }>('POST', `/api/v1/users/${admin.id}/unlock`, {
      headers: { authorization: `Bearer ${await bearerFor(h.base, 'vanhanh', DEMO_PASSWORD)}` },
    });
    expect((await ops).status).toBe(403);
    const res = await new Client(h.base).call<{ unlocked: number }>('POST', `/api/v1/users/${admin.id}/unlock`, {
      headers: { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` },
    });
    expect([res.status, res.body.unlocked]).toEqual([200, 1]);
    expect((await token('198.51.100.66', 'admin', DEMO_PASSWORD)).status).toBe(200);
    expect((await listAudit(h.t.db, { action: 'user.unlocked' })).map((e) => [e.subject, e.details])).toEqual([
      [admin.id, { activeLocks: 1 }],
    ]);
  });

  it('unlocks from the CLI: lienthong users unlock <user>', async () => {
    for (let i = 0; i < 3; i += 1) await token('198.51.100.67', 'lanhdao.tinh', `sai-${i}`);
    expect((await token('198.51.100.67', 'lanhdao.tinh', DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
    const program = new Command().exitOverride();
    registerUsers(program, identityRunner({ db: h.t.db, env: { START_SIMULATORS: 'false', SEED_DEMO: 'false', PORT: '0' } }));
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.map(String).join(' ')));
    try {
      await program.parseAsync(['node', 'lienthong', 'users', 'unlock', 'lanhdao.tinh']);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('\n')).toContain('Đã mở khóa lanhdao.tinh');
    expect((await token('198.51.100.67', 'lanhdao.tinh', DEMO_PASSWORD)).status).toBe(200);
    const entry = (await listAudit(h.t.db, { action: 'user.unlocked' })).find((e) => e.actor.startsWith('cli:'));
    expect(entry).toBeDefined();
  });

  it('stops a password spray from one source with 429 and Retry-After, other sources unaffected', async () => {
    const accounts = ['vanhanh', 'vanthu.tinh', 'lanhdao.tamduong', 'nhaplieu.tamduong', 'lanhdao.binhlu', 'nhaplieu.binhlu'];
    const answers: number[] = [];
    for (let i = 0; i < 14; i += 1) answers.push((await token('203.0.113.9', accounts[i % accounts.length]!, 'Mua-xuan-2026')).status);
    expect(answers.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(answers.slice(12)).toEqual([429, 429]);
    const limited = await fetch(`${h.base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'vanhanh', password: DEMO_PASSWORD }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'loginPerIp' } });
    expect((await token('10.20.0.6', 'vanhanh', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('rate limits shared across instances through Redis', () => {
  it('counts one budget for two gateway instances with REDIS_URL', async () => {
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueRedisPrefix(),
      RATE_LIMIT_LOGIN_PER_ACCOUNT: '3',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
    };
    const store = { redisUrl: TEST_REDIS_URL, link: redisLinkSettings() };
    const instances = [rateLimits(readSettings(env), store), rateLimits(readSettings(env), store)];
    const servers = instances.map((l) => {
      const app = express();
      app.use(express.json());
      app.use(l.router);
      app.post('/api/v1/auth/token', (_req, res) => void res.status(401).json({ code: 'CREDENTIALS_INVALID' }));
      return app.listen(0, '127.0.0.1');
    });
    await Promise.all(servers.map((s) => new Promise<void>((r) => (s.listening ? r() : s.once('listening', () => r())))));
    await Promise.all(instances.map((l) => l.connected()));
    try {
      expect(instances.map((l) => l.store)).toEqual(['redis', 'redis']);
      const statuses: number[] = [];
      for (const i of [0, 1, 0, 1]) {
        const port = (servers[i]!.address() as AddressInfo).port;
        statuses.push(
          (
            await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username: 'admin', password: 'x' }),
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      for (const s of servers) s.close();
      for (const l of instances) await l.close();
    }
  });
});

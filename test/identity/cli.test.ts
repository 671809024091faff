import { DEMO_PASSWORD } from '../support/demo.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerClients } from '../../src/cli/commands/clients.js';
import { registerUsers } from '../../src/cli/commands/users.js';
import { identityRunner } from '../../src/cli/support/identity-runner.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { issueCertificate } from './support/pki.js';

describe('lienthong users / clients (CLI) against PostgreSQL', () => {
  let t: TestDatabase;
  let out: string[];
  const env = { START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD, PORT: '0' };

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    const runner = identityRunner({ db: t.db, env });
    registerUsers(program, runner);
    registerClients(program, runner);
    out = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.map(String).join(' ')));
    const table = vi.spyOn(console, 'table').mockImplementation((rows: unknown) => void out.push(JSON.stringify(rows)));
    try {
      await program.parseAsync(['node', 'lienthong', ...args]);
    } finally {
      spy.mockRestore();
      table.mockRestore();
    }
    return out.join('\n');
  }

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates, lists and disables an account, audited as the operator', async () => {
    process.env.LIENTHONG_PASSWORD = 'mat-khau-cli-dai';
    try {
      expect(
        await run(
          'users',
          'create',
          '--username',
          'nhaplieu.sinho',
          '--name',
          'Cán bộ xã Sìn Hồ',
          '--org',
          'lc-x-sin-ho',
          '--roles',
          'data_entry',
        ),
      ).toContain('Đã tạo tài khoản nhaplieu.sinho');
    } finally {
      delete process.env.LIENTHONG_PASSWORD;
    }
    const listed = JSON.parse(await run('users', 'list', '--json')) as { username: string; status: string; id: string }[];
    const user = listed.find((u) => u.username === 'nhaplieu.sinho')!;
    expect(user.status).toBe('active');
    expect(await run('users', 'disable', 'nhaplieu.sinho', '--reason', 'transfer')).toContain('Đã vô hiệu hóa');
    const audit = await listAudit(t.db, { subject: user.id });
    expect(audit.map((e) => e.action).sort()).toEqual(['user.created', 'user.disabled']);
    expect(audit[0]!.actor).toMatch(/^cli:/);
  });

  it('refuses bad input with stable codes', async () => {
    await expect(run('users', 'create', '--username', 'x', '--name', 'y', '--org', 'lai-chau', '--roles', 'boss')).rejects.toMatchObject({
      code: 'REQUEST_INVALID',
    });
    await expect(run('users', 'disable', 'khong-co', '--reason', 'transfer')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(run('users', 'disable', 'admin', '--reason', 'fired')).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('registers a ministry client from its certificate file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-client-'));
    writeFileSync(join(dir, 'c.pem'), issueCertificate({ commonName: 'he-thong-nong-nghiep' }).certPem);
    expect(
      await run(
        'clients',
        'add',
        '--id',
        'he-thong-nong-nghiep',
        '--name',
        'Ngành Nông nghiệp',
        '--ministry',
        'BNNMT',
        '--org',
        'lc-so-nn-mt',
        '--cert',
        join(dir, 'c.pem'),
        '--pattern',
        '07[0-9]{2}',
      ),
    ).toContain('mTLS SHA-256');
    const clients = JSON.parse(await run('clients', 'list', '--json')) as { clientId: string; indicatorPattern: string }[];
    expect(clients.find((c) => c.clientId === 'he-thong-nong-nghiep')).toMatchObject({ indicatorPattern: '07[0-9]{2}' });
  });
});

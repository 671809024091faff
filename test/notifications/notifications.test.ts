import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../src/delivery/queue/memory-queue.js';
import { smtpMailer, webhookSender, webhookSignature } from '../../src/notifications/channels.js';
import { Notifier } from '../../src/notifications/notifier.js';
import { DEFAULT_RULES } from '../../src/notifications/rules.js';
import { startSmtpSimulator, type RunningSmtpSimulator } from '../../src/sim/smtp/smtp-simulator.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';

const SECRET = 'webhook-secret-for-tests';
const NOW = new Date('2027-01-20T03:00:00Z');

describe('notifications: e-mail over real SMTP and signed webhooks, once each', () => {
  let t: TestDatabase;
  let smtp: RunningSmtpSimulator;
  let hook: Server;
  let hookUrl: string;
  const hooks: { body: string; timestamp: string; signature: string }[] = [];
  const queue = new MemoryQueue();
  let notifier: Notifier;

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    smtp = await startSmtpSimulator();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push({
          body,
          timestamp: String(req.headers['x-lienthong-timestamp']),
          signature: String(req.headers['x-lienthong-signature']),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const units: Record<string, string[]> = {
      'lc-so-y-te': ['nhaplieu.syt@laichau.gov.vn', 'lanhdao.syt@laichau.gov.vn'],
      'lc-so-tai-chinh': ['ketoan.stc@laichau.gov.vn'],
    };
    notifier = new Notifier({
      db: t.db,
      queue,
      rules: DEFAULT_RULES,
      now: () => NOW,
      mailer: smtpMailer(smtp.url, 'lienthong@laichau.gov.vn'),
      webhook: webhookSender(hookUrl, SECRET),
      recipients: async (kind, unit) => (kind === 'ops' ? ['vanhanh@laichau.gov.vn'] : (units[unit ?? ''] ?? [])),
    });
    notifier.start();
  }, 120_000);
  afterAll(async () => {
    await queue.close();
    await smtp?.close();
    hook?.close();
    await t?.dispose();
  });

  const settled = async (n: number) => {
    for (;;) {
      const r = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE state <> 'queued'");
      if (Number(r.rows[0]!.n) >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('a dead letter sends one e-mail that arrives at the SMTP server and one signed webhook, recorded, even when raised twice', async () => {
    const event = {
      type: 'packet.dead' as const,
      key: 'PKT-1',
      orgUnitId: 'lc-so-y-te',
      subject: 'Thư chết: PKT-1',
      text: 'Gói tin PKT-1 đã hết số lần thử.',
    };
    expect(await notifier.raise(event)).toBe(2);
    expect(await notifier.raise(event)).toBe(0);
    await settled(2);
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]).toMatchObject({ to: ['vanhanh@laichau.gov.vn'], from: 'lienthong@laichau.gov.vn', subject: 'Thư chết: PKT-1' });
    expect(smtp.inbox[0]!.text).toContain('PKT-1 đã hết số lần thử');
    expect(hooks).toHaveLength(1);
    const h = hooks[0]!;
    expect(h.timestamp).toBe(String(NOW.getTime() / 1000));
    expect(h.signature).toBe(webhookSignature(SECRET, h.timestamp, h.body));
    expect(JSON.parse(h.body)).toMatchObject({ type: 'packet.dead', key: 'PKT-1', rule: 'dead-letter' });
    const rows = await t.db.query<{ channel: string; state: string; attempts: number }>(
      'SELECT channel, state, attempts FROM notifications ORDER BY id',
    );
    expect(rows.rows).toEqual([
      { channel: 'email', state: 'sent', attempts: 1 },
      { channel: 'webhook', state: 'sent', attempts: 1 },
    ]);
  }, 120_000);

  it('a deadline reminder goes once to the users of the right unit only', async () => {
    const event = {
      type: 'deadline.approaching' as const,
      key: 'assignment-42',
      orgUnitId: 'lc-so-y-te',
      subject: 'Nhắc hạn nộp báo cáo',
      text: 'Báo cáo KTXH tháng 01/2027 đến hạn ngày 22/01/2027.',
    };
    expect(await notifier.raise(event)).toBe(2);
    expect(await notifier.raise(event)).toBe(0);
    await settled(4);
    const reminders = smtp.inbox.filter((m) => m.subject === 'Nhắc hạn nộp báo cáo');
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(['lanhdao.syt@laichau.gov.vn', 'nhaplieu.syt@laichau.gov.vn']);
    expect(hooks).toHaveLength(1);
  }, 120_000);
});

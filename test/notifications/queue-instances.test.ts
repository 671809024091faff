import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../../src/delivery/queue/bullmq-queue.js';
import { smtpMailer } from '../../src/notifications/channels.js';
import { Notifier, type NotificationEvent } from '../../src/notifications/notifier.js';
import { DEFAULT_RULES } from '../../src/notifications/rules.js';
import { startSmtpSimulator, type RunningSmtpSimulator } from '../../src/sim/smtp/smtp-simulator.js';
import type { Database } from '../../src/store/database.js';
import { PostgresDatabase } from '../../src/store/postgres-database.js';
import { openPostgresTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2027-01-20T03:00:00Z');
const OPS = 'vanhanh@laichau.gov.vn';

const dead = (key: string): NotificationEvent => ({
  type: 'packet.dead',
  key,
  orgUnitId: 'lai-chau',
  subject: `Thư chết: ${key}`,
  text: `Gói tin ${key} đã hết số lần gửi lại.`,
});

/**
 * Notifications are jobs on the queue port (BullMQ on Redis here, as with several gateway
 * instances): two instances on one PostgreSQL schema and one Redis prefix send each notification
 * once, even when both raise the same event; a notification raised by an instance that stopped
 * before sending is sent by the next one to start (the job waits in Redis, the row in the table).
 */
describe('notifications through the BullMQ queue, across instances and restarts', { timeout: 120_000 }, () => {
  let t: TestDatabase;
  let second: Database;
  let smtp: RunningSmtpSimulator;
  const prefix = uniqueRedisPrefix();
  const queues: BullmqQueue[] = [];

  const notifier = (db: Database) => {
    const queue = new BullmqQueue({ redisUrl: TEST_REDIS_URL, prefix: `${prefix}-notify` });
    queues.push(queue);
    const n = new Notifier({
      db,
      queue,
      rules: DEFAULT_RULES.filter((r) => r.id === 'dead-letter').map((r) => ({ ...r, channels: ['email' as const] })),
      now: () => NOW,
      mailer: smtpMailer(smtp.url, 'lienthong@laichau.gov.vn'),
      recipients: async () => [OPS],
    });
    return { n, queue };
  };
  const sent = async (n: number) => {
    for (;;) {
      const r = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE state = 'sent'");
      if (r.rows[0]!.n >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    second = PostgresDatabase.open({ connectionString: TEST_DATABASE_URL, schema: t.schema!, max: 3 });
    smtp = await startSmtpSimulator();
  }, 60_000);
  afterAll(async () => {
    for (const q of queues) await q.close().catch(() => undefined);
    await second?.close();
    await smtp?.close();
    await t?.dispose();
  });

  it('two instances send each notification once, whichever raised it and however often', async () => {
    const a = notifier(t.db);
    const b = notifier(second);
    a.n.start();
    b.n.start();
    const keys = ['PKT-A', 'PKT-B', 'PKT-C', 'PKT-D', 'PKT-E', 'PKT-F'];
    const raised = await Promise.all(keys.flatMap((k) => [a.n.raise(dead(k)), b.n.raise(dead(k))]));
    // One row per event: the second raise of each finds it recorded already.
    expect(raised.reduce((s, x) => s + x, 0)).toBe(keys.length);
    await sent(keys.length);
    await a.queue.close();
    await b.queue.close();
    expect(smtp.inbox.map((m) => m.subject).sort()).toEqual(keys.map((k) => `Thư chết: ${k}`));
    expect(smtp.inbox.every((m) => m.to.length === 1 && m.to[0] === OPS)).toBe(true);
  });

  it('a notification raised by an instance that stopped before sending is sent once by the next one', async () => {
    const stopped = notifier(t.db);
    // This instance records and queues, but never consumes: it stops first.
    expect(await stopped.n.raise(dead('PKT-G'))).toBe(1);
    await stopped.queue.close();
    const row = await t.db.query<{ state: string }>("SELECT state FROM notifications WHERE subject = 'Thư chết: PKT-G'");
    expect(row.rows).toEqual([{ state: 'queued' }]);
    const next = notifier(second);
    next.n.start();
    await next.n.sweep();
    await sent(7);
    await next.queue.close();
    expect(smtp.inbox.filter((m) => m.subject === 'Thư chết: PKT-G')).toHaveLength(1);
    const rows = await t.db.query<{ state: string; attempts: number }>(
      "SELECT state, attempts FROM notifications WHERE subject = 'Thư chết: PKT-G'",
    );
    expect(rows.rows).toEqual([{ state: 'sent', attempts: 1 }]);
  });
});

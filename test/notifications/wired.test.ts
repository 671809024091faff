import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DeliveryServices, PacketView } from '../../src/delivery/services.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import type { RunningMailSimulator } from '../../src/sim/smtp/index.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';

const until = async <T>(what: () => Promise<T | undefined | false>): Promise<T> => {
  for (;;) {
    const v = await what();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The whole gateway (every module but demo traffic, in-process simulators): the national
 * simulator refuses the first packet it gets; the watcher on the gateway scheduler finds the
 * dead letter and the notifier mails each ops account once through the mail simulator's real
 * SMTP server and posts one signed webhook, which the simulator verifies with its own code.
 */
describe('notifications wired into the running gateway', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let mail: RunningMailSimulator;
  let refused: PacketView;

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    const config = loadConfig({
      PORT: '0',
      START_SIMULATORS: 'true',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      NODE_ENV: 'test',
      DEMO_TRAFFIC: 'false',
      RETRY_BASE_MS: '50',
      NATIONAL_CATALOG_FEED: 'false',
      NOTIFY_FROM: 'lienthong@laichau.gov.vn',
      NOTIFY_RETRY_MS: '20',
    });
    gw = await createGateway({ config, db: t.db, modules: modules.filter((m) => m.name !== 'demo') });
    gw.ctx.services.simulators!.national!.faults.set({ mode: 'reject-signature', remaining: 1 });
    mail = gw.ctx.services.simulators!.mail as RunningMailSimulator;
    // The mail server is busy for the first recipient: the notification is retried through its queue.
    mail.faults.set({ mode: '5xx', remaining: 1 });
    await gw.start();
    const delivery = gw.ctx.services.delivery as DeliveryServices;
    refused = await until(async () => {
      const all = await delivery.listPackets({});
      return (
        all.length > 0 && all.every((p) => p.state === 'acknowledged' || p.state === 'rejected') && all.find((p) => p.state === 'rejected')
      );
    });
  }, 180_000);
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
  });

  it('a dead letter sends one e-mail to each ops account through SMTP and one signed webhook, recorded, however often the watcher looks', async () => {
    const scheduler = gw.ctx.services.scheduler!;
    expect(scheduler.list().map((j) => j.id)).toEqual(expect.arrayContaining(['notifications:watch', 'notifications:reminders']));
    await scheduler.runNow('notifications:watch');
    await scheduler.runNow('notifications:watch');
    await gw.ctx.services.notifications!.watchNow();
    const rows = await until(async () => {
      const r = await t.db.query<{ channel: string; recipient: string; state: string; attempts: number; dedupe_key: string }>(
        "SELECT channel, recipient, state, attempts, dedupe_key FROM notifications WHERE rule_id = 'dead-letter' ORDER BY channel, recipient",
      );
      return r.rows.length > 0 && r.rows.every((x) => x.state === 'sent') && r.rows;
    });
    // ops recipients: the demo's admin and ops accounts (no address in the seed: the demo domain).
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
      ['email', 'admin@demo.lienthong.local'],
      ['email', 'vanhanh@demo.lienthong.local'],
      ['webhook', 'webhook'],
    ]);
    expect(rows.every((r) => r.dedupe_key.includes(refused.packetId))).toBe(true);
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 1, 2]);

    const mails = mail.inbox.filter((m) => m.subject.includes(refused.packetId));
    expect(mails.map((m) => m.to).sort()).toEqual([['admin@demo.lienthong.local'], ['vanhanh@demo.lienthong.local']]);
    expect(mails[0]).toMatchObject({ from: 'lienthong@laichau.gov.vn', subject: `[Liên thông] Gói tin bị từ chối: ${refused.packetId}` });
    expect(mails[0]!.text).toContain('Lý do: Hệ thống báo cáo Chính phủ từ chối chữ ký số (mã lỗi NATIONAL_SIGNATURE_REJECTED)');
    expect(mails[0]!.text).toContain('Kiểm tra chứng thư số của cơ quan rồi chạy lại');

    const hooks = mail.webhooks.filter((w) => JSON.stringify(w.body).includes(refused.packetId));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ signatureValid: true, problem: null, body: { type: 'packet.dead', rule: 'dead-letter' } });
  }, 120_000);

  it('a webhook with a wrong signature is refused by the receiver', async () => {
    const res = await fetch(mail.webhookUrl, {
      method: 'POST',
      body: '{"type":"packet.dead"}',
      headers: { 'x-lienthong-timestamp': String(Math.floor(Date.now() / 1000)), 'x-lienthong-signature': 'v1=00' },
    });
    expect(res.status).toBe(401);
    expect(mail.webhooks.at(-1)).toMatchObject({ signatureValid: false, problem: 'SIGNATURE_INVALID' });
  });

  it('the mail simulator shows its inbox as a page, and ops read the record of notifications', async () => {
    const page = await (await fetch(mail.url)).text();
    expect(page).toContain('Hộp thư mô phỏng');
    expect(page).toContain(refused.packetId);
  });
});

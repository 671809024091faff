import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CoreServices } from '../../src/core/core-services.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { modules } from '../../src/app/modules.js';
import { mailSimulator, type RunningMailSimulator } from '../../src/sim/smtp/index.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD } from '../support/demo.js';

// notifications and what it requires (its watchers read the delivery engine and the exchange's TSA/OCSP).
const KEEP = [
  'scheduler',
  'queues',
  'scanning',
  'core',
  'identity',
  'submissions',
  'mappings',
  'connectors',
  'exchange',
  'channels',
  'delivery',
  'notifiers',
  'notifications',
];

/**
 * Deadline reminders on the gateway scheduler with an injected clock: one working day before
 * the deadline each unit that has not sent its report is mailed, to its own users only, once
 * however often the job runs; a maintenance planned tomorrow is mailed to everyone once.
 */
describe('deadline reminders and maintenance notices', () => {
  let t: TestDatabase;
  let gw: Gateway;
  let mail: RunningMailSimulator;
  let core: CoreServices;
  let clock = new Date('2027-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    mail = (await mailSimulator.start({
      port: 0,
      host: '127.0.0.1',
      env: { SIM_WEBHOOK_SECRET: 'hook-secret', SIM_WEBHOOK_MAX_SKEW_S: String(10 * 365 * 86_400) },
    })) as RunningMailSimulator;
    const config = loadConfig({
      PORT: '0',
      START_SIMULATORS: 'false',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      NODE_ENV: 'test',
      NOTIFY_SMTP_URL: mail.smtpUrl,
      NOTIFY_FALLBACK_DOMAIN: 'laichau.test',
      NOTIFY_WEBHOOK_URL: mail.webhookUrl,
      NOTIFY_WEBHOOK_SECRET: 'hook-secret',
      NOTIFY_RETRY_MS: '20',
    });
    gw = await createGateway({ config, db: t.db, now: () => clock, modules: modules.filter((m) => KEEP.includes(m.name)) });
    await gw.start();
    core = gw.ctx.services.core as CoreServices;
  }, 180_000);
  afterAll(async () => {
    await gw?.close();
    await mail?.close();
    await t?.dispose();
  });

  const settled = () =>
    (async () => {
      for (;;) {
        const r = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE state = 'queued'");
        if (r.rows[0]!.n === 0) return;
        await new Promise((res) => setTimeout(res, 50));
      }
    })();

  it('one working day before the deadline, each unit still to send is reminded once, to its own users only', async () => {
    const regimes = await core.regimes.list();
    const monthly = regimes.find((r) => r.periodKinds.includes('month'))!;
    await core.assignments.generate(monthly.code, '2027-M01');
    const created = (await core.assignments.list({ periodKey: '2027-M01' })).filter((a) => a.deadline !== null);
    expect(created.length).toBeGreaterThan(0);
    const deadline = created[0]!.deadline!;
    const due = created.filter((a) => a.deadline === deadline);
    // 09:00 Vietnam time, one working day before the deadline.
    let dayBefore = deadline;
    do dayBefore = new Date(Date.parse(`${dayBefore}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    while (!core.calendar.isWorkingDay(dayBefore));
    clock = new Date(`${dayBefore}T02:00:00Z`);

    const scheduler = gw.ctx.services.scheduler!;
    await scheduler.runNow('notifications:reminders');
    await scheduler.runNow('notifications:reminders');
    await settled();

    const rows = await t.db.query<{ recipient: string; org_unit_id: string; dedupe_key: string; state: string; channel: string }>(
      "SELECT recipient, org_unit_id, dedupe_key, state, channel FROM notifications WHERE rule_id = 'deadline-reminder' ORDER BY id",
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((r) => r.state === 'sent' && r.channel === 'email')).toBe(true);
    const users = await t.db.query<{ username: string; org_unit_id: string }>(
      "SELECT username, org_unit_id FROM users WHERE status = 'active'",
    );
    const unitOf = new Map(users.rows.map((u) => [`${u.username}@laichau.test`, u.org_unit_id]));
    for (const a of due) {
      const expected = users.rows
        .filter((u) => u.org_unit_id === a.orgUnitId)
        .map((u) => `${u.username}@laichau.test`)
        .sort();
      const got = rows.rows
        .filter((r) => r.dedupe_key.includes(`deadline:${a.id}|`))
        .map((r) => r.recipient)
        .sort();
      expect(got).toEqual(expected);
    }
    // Each e-mail reached the SMTP server once, addressed to a user of the unit it names.
    const reminders = mail.inbox.filter((m) => m.subject.startsWith('[Nhắc hạn]'));
    expect(reminders).toHaveLength(rows.rows.length);
    const names = new Map((await core.orgUnits.repo.list()).map((u) => [u.id, u.name]));
    for (const m of reminders) {
      expect(m.to).toHaveLength(1);
      const unit = unitOf.get(m.to[0]!)!;
      expect(m.subject).toContain(`${names.get(unit)}: báo cáo`);
      expect(m.text).toContain(`hạn nộp là ngày ${deadline.split('-').reverse().join('/')}`);
    }
    // Nobody else: no account of a unit without a report due got a reminder.
    const dueUnits = new Set(due.map((a) => a.orgUnitId));
    expect(reminders.every((m) => dueUnits.has(unitOf.get(m.to[0]!)!))).toBe(true);
    expect(mail.webhooks).toHaveLength(0);
  }, 120_000);

  it('an extension request is mailed once to the leaders and administrators above the unit, its decision once to the unit', async () => {
    const COMMUNE = 'lc-x-tam-duong';
    const [a] = (await core.assignments.list({ periodKey: '2027-M01', orgUnitIds: [COMMUNE] })).filter((x) => x.deadline !== null);
    expect(a).toBeDefined();
    const until = new Date(Date.parse(`${a!.deadline!}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const entry = {
      kind: 'user' as const,
      id: 'entry-tam-duong',
      displayName: 'Nhập liệu',
      roles: ['data_entry' as const],
      orgUnitId: COMMUNE,
    };
    const request = await core.extensions.request(entry, a!.id, { until, reason: 'Chờ số liệu của kho bạc' });
    const scheduler = gw.ctx.services.scheduler!;
    await scheduler.runNow('notifications:watch');
    await scheduler.runNow('notifications:watch');
    await settled();

    const users = await t.db.query<{ username: string; org_unit_id: string; roles: string[] }>(
      "SELECT username, org_unit_id, roles FROM users WHERE status = 'active'",
    );
    const above = new Set((await core.orgUnits.ancestry(COMMUNE)).slice(1));
    const address = (u: { username: string }) => `${u.username}@laichau.test`;
    const deciders = users.rows
      .filter((u) => above.has(u.org_unit_id) && (u.roles.includes('leader') || u.roles.includes('admin')))
      .map(address);
    expect(deciders.length).toBeGreaterThan(0);
    const asked = mail.inbox.filter((m) => m.subject.startsWith('[Đề nghị gia hạn]'));
    expect(asked.map((m) => m.to[0]).sort()).toEqual(deciders.sort());
    expect(asked[0]!.subject).toContain(`báo cáo ${a!.formCode} kỳ 2027-M01 xin gia hạn đến ngày ${until.split('-').reverse().join('/')}`);
    expect(asked[0]!.text).toContain('Lý do: Chờ số liệu của kho bạc');
    expect(asked[0]!.text).toContain('/app/#/gia-han');

    const leader = {
      kind: 'user' as const,
      id: 'leader-province',
      displayName: 'Lãnh đạo',
      roles: ['leader' as const],
      orgUnitId: [...above][0]!,
    };
    await core.extensions.grant(leader, request.id, { note: 'Đồng ý, nộp trước ngày gia hạn' });
    await scheduler.runNow('notifications:watch');
    await scheduler.runNow('notifications:watch');
    await settled();
    const decided = mail.inbox.filter((m) => m.subject.startsWith('[Gia hạn]'));
    const unitUsers = users.rows.filter((u) => u.org_unit_id === COMMUNE).map(address);
    expect(decided.map((m) => m.to[0]).sort()).toEqual(unitUsers.sort());
    expect(decided[0]!.subject).toBe(
      `[Gia hạn] Đã chấp thuận gia hạn đến ngày ${until.split('-').reverse().join('/')}: báo cáo ${a!.formCode} kỳ 2027-M01`,
    );
    expect(decided[0]!.text).toContain('Ý kiến: Đồng ý, nộp trước ngày gia hạn');
    // Still once each after more runs: the request is not mailed again with its decision.
    expect(mail.inbox.filter((m) => m.subject.startsWith('[Đề nghị gia hạn]'))).toHaveLength(asked.length);
  }, 120_000);

  it('a maintenance announced by an admin is mailed 24 h ahead to every user once and listed as a banner', async () => {
    const admin = { id: 'admin-test', orgUnitId: 'lai-chau' };
    const starts = new Date(clock.getTime() + 30 * 3600_000);
    const a = await gw.ctx.services.notifications!.announcements.create(admin, {
      kind: 'maintenance',
      title: 'Nâng cấp máy chủ',
      body: 'Nâng cấp cơ sở dữ liệu.',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
    });
    expect((await gw.ctx.services.notifications!.announcements.current()).map((x) => x.id)).toEqual([a.id]);
    const scheduler = gw.ctx.services.scheduler!;
    await scheduler.runNow('notifications:watch');
    await settled();
    expect(mail.inbox.filter((m) => m.subject.startsWith('[Bảo trì]'))).toHaveLength(0);

    clock = new Date(starts.getTime() - 23 * 3600_000);
    await scheduler.runNow('notifications:watch');
    await scheduler.runNow('notifications:watch');
    await settled();
    const mails = mail.inbox.filter((m) => m.subject.startsWith('[Bảo trì]'));
    const active = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE status = 'active'");
    expect(mails).toHaveLength(active.rows[0]!.n);
    expect(new Set(mails.map((m) => m.to[0])).size).toBe(mails.length);
    expect(mails[0]!.text).toContain('Nâng cấp cơ sở dữ liệu.');
    expect(mail.webhooks.filter((w) => w.signatureValid)).toHaveLength(1);
  }, 120_000);
});

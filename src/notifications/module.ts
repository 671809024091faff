import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { DeliveryQueues } from '../delivery/queue/queues.js';
import type { ExchangeServices } from '../exchange/services.js';
import type { GatewayModule } from '../gateway/module.js';
import type { IdentityServices } from '../identity/services.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import { logger } from '../shared/logger.js';
import { AnnouncementService } from './announcements.js';
import { notificationsConfigFrom } from './config.js';
import { Notifier, type NotificationEvent } from './notifier.js';
import { ocspProbe, ProbeWatcher, tsaProbe, type Probe } from './probes.js';
import { recipientResolver } from './recipients.js';
import { extensionEvents } from './extension-events.js';
import { receptionEvents, reminderEvents } from './reminders.js';
import { notificationsRouter } from './routes.js';
import type { NotificationsServices } from './services.js';
import type { NotifierTransports } from './transports.js';
import { DeliveryWatcher } from './watchers.js';

export type { NotificationsServices } from './services.js';

type Requires = {
  scheduler: JobScheduler;
  notifiers: NotifierTransports;
  core: CoreServices;
  identity: IdentityServices;
  submissions: SubmissionsServices;
  exchange: ExchangeServices;
  delivery: DeliveryServices;
  queues: DeliveryQueues;
};

/**
 * Alerts and reminders (docs/console.md § Thông báo): rules as data; watchers over the delivery
 * engine, time-stamping and OCSP every NOTIFY_WATCH_MS and the deadline calendar daily, on the
 * gateway scheduler; each notification recorded once (dedupe key) and sent through its own
 * queue (`queues.notifications`: BullMQ on Redis, else in-process) with retries. Announcements and their banners too.
 */
export const notificationsModule: GatewayModule<Requires, { notifications: NotificationsServices }> = {
  name: 'notifications',
  requires: {
    scheduler: true,
    notifiers: true,
    core: true,
    identity: true,
    submissions: true,
    exchange: true,
    delivery: true,
    queues: true,
  },
  provides: { notifications: true },
  async init(ctx) {
    const cfg = notificationsConfigFrom(ctx.config.settings);
    // The mailer and webhook the composition root built (src/app/adapters/notifiers-module.ts).
    const t = ctx.services.notifiers;
    // Its own queue, opened by the composition root (src/app/adapters/queues-module.ts).
    const queue = ctx.services.queues.notifications;
    const { core, submissions, exchange, identity, delivery: engine, scheduler } = ctx.services;
    const notifier = new Notifier({
      db: ctx.db,
      queue,
      rules: cfg.rules,
      now: ctx.now,
      maxAttempts: cfg.maxAttempts,
      ...(cfg.backoffMs ? { backoffMs: cfg.backoffMs } : {}),
      ...(t.mailer ? { mailer: t.mailer } : {}),
      ...(t.webhook ? { webhook: t.webhook } : {}),
      recipients: recipientResolver({ identity, core, opsEmails: cfg.opsEmails, fallbackDomain: t.fallbackDomain }),
    });
    const announcements = new AnnouncementService(ctx.db, ctx.now);
    const probes: Probe[] = [];
    if (exchange.timestampAuthority) probes.push(tsaProbe(exchange.timestampAuthority));
    const ocspUrl = exchange.revocation.options.ocspUrl;
    if (ocspUrl) probes.push(ocspProbe(ocspUrl));
    const probeWatcher = new ProbeWatcher(probes, ctx.now);
    const deliveryWatcher = new DeliveryWatcher(engine, cfg.rules, ctx.now);
    const names = async () => new Map((await core.orgUnits.repo.list()).map((u) => [u.id, u.name]));
    const raiseAll = async (events: NotificationEvent[]) => {
      let n = 0;
      for (const e of events) n += await notifier.raise(e);
      return n;
    };
    const watchNow = async () => {
      const events = [...(await deliveryWatcher.events()), ...(await probeWatcher.events())];
      events.push(...(await announcements.dueEvents(cfg.maintenanceLeadMs)));
      const n = await names();
      events.push(...(await receptionEvents({ core, now: ctx.now, nameOf: (id) => n.get(id) ?? id })));
      events.push(...(await extensionEvents({ core, now: ctx.now, nameOf: (id) => n.get(id) ?? id, publicUrl: ctx.config.publicUrl })));
      return raiseAll(events);
    };
    const remindNow = async () => {
      const n = await names();
      return raiseAll(await reminderEvents({ core, submissions, rules: cfg.rules, now: ctx.now, nameOf: (id) => n.get(id) ?? id }));
    };
    const services: NotificationsServices = { raise: (e) => notifier.raise(e), announcements, watchNow, remindNow };
    const guarded = (what: string, fn: () => Promise<number>) => async () => {
      try {
        await fn();
      } catch (err) {
        logger.warn(`notifications: ${what} failed`, { error: (err as Error).message });
      }
    };
    await scheduler.register({ id: 'notifications:watch', everyMs: cfg.watchMs, run: guarded('watch', watchNow) });
    await scheduler.register({ id: 'notifications:reminders', pattern: cfg.remindersCron, run: guarded('reminders', remindNow) });
    if (!t.mailer) logger.warn('notifications: no SMTP server (NOTIFY_SMTP_URL): e-mails are not sent');
    return {
      services: { notifications: services },
      routers: [{ path: '/api/v1', router: notificationsRouter(announcements, ctx.db, t.demoInboxUrl) }],
      async start() {
        notifier.start();
        await notifier.sweep();
      },
      async stop() {
        await queue.close();
      },
    };
  },
};

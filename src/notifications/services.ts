import type { AnnouncementService } from './announcements.js';
import type { NotificationEvent } from './notifier.js';

/** `ctx.services.notifications`: raise an event (rules decide who is told), and the announcements. */
export interface NotificationsServices {
  raise(event: NotificationEvent): Promise<number>;
  announcements: AnnouncementService;
  /** One pass of the watchers now (the scheduler runs it every NOTIFY_WATCH_MS). */
  watchNow(): Promise<number>;
  /** The daily reminders now (deadline in N working days, missing reports). */
  remindNow(): Promise<number>;
}

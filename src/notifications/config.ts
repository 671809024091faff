import type { Settings } from '../settings/schema.js';
import { loadRules, type NotificationRule } from './rules.js';

/**
 * Notification settings (docs/console.md § Thông báo), from the typed settings the schema
 * checked at start. The SMTP server and webhook are not here: the root builds them (NotifierTransports).
 */
export interface NotificationsConfig {
  /** Always told about ops events, besides the ops and admin accounts with an address. */
  opsEmails: string[];
  rules: NotificationRule[];
  /** How often the watchers look at the delivery engine, time-stamping and OCSP. */
  watchMs: number;
  /** Cron of the daily reminders (deadline in N working days, report missing, reception). */
  remindersCron: string;
  /** How long before a planned maintenance it is mailed (Kon Tum 14.6: 24 h). */
  maintenanceLeadMs: number;
  maxAttempts: number;
  /** First retry wait (NOTIFY_RETRY_MS); later ones grow ×6, ×4, ×5 like the defaults. */
  backoffMs?: number[];
}

type NotificationSettings = Pick<
  Settings,
  | 'NOTIFY_OPS_EMAILS'
  | 'NOTIFY_RULES_FILE'
  | 'NOTIFY_WATCH_MS'
  | 'NOTIFY_REMINDERS_CRON'
  | 'NOTIFY_MAINTENANCE_LEAD_MS'
  | 'NOTIFY_MAX_ATTEMPTS'
  | 'NOTIFY_RETRY_MS'
>;

export function notificationsConfigFrom(s: NotificationSettings): NotificationsConfig {
  const b = s.NOTIFY_RETRY_MS;
  return {
    opsEmails: (s.NOTIFY_OPS_EMAILS ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    rules: loadRules(s.NOTIFY_RULES_FILE),
    watchMs: s.NOTIFY_WATCH_MS,
    remindersCron: s.NOTIFY_REMINDERS_CRON,
    maintenanceLeadMs: s.NOTIFY_MAINTENANCE_LEAD_MS,
    maxAttempts: s.NOTIFY_MAX_ATTEMPTS,
    ...(b === undefined ? {} : { backoffMs: [b, b * 6, b * 24, b * 120] }),
  };
}

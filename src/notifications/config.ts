import type { Config } from '../config.js';
import { ValidationError } from '../shared/errors.js';
import { loadRules, type NotificationRule } from './rules.js';
import { settingFrom } from '../settings/read-settings.js';

/** Notification settings (docs/console.md § Thông báo), read and checked once at start. */
export interface NotificationsConfig {
  /** SMTP server (smtp://host:25, smtps://user:pass@host:465); else the mail simulator's when it runs. */
  smtpUrl?: string;
  from: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** Always told about ops events, besides the ops and admin accounts with an address. */
  opsEmails: string[];
  /** Accounts without an address get username@domain (the demo's accounts have none). */
  fallbackDomain?: string;
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

export function notificationsConfigFrom(config: Config): NotificationsConfig {
  const env = config.env;
  const webhookUrl = env.NOTIFY_WEBHOOK_URL || undefined;
  if (webhookUrl && !env.NOTIFY_WEBHOOK_SECRET) {
    throw new ValidationError('CONFIG_INVALID', 'NOTIFY_WEBHOOK_URL needs NOTIFY_WEBHOOK_SECRET (the receiver checks the signature)');
  }
  return {
    smtpUrl: env.NOTIFY_SMTP_URL || undefined,
    from: env.NOTIFY_FROM || 'lienthong@localhost',
    webhookUrl,
    webhookSecret: env.NOTIFY_WEBHOOK_SECRET || undefined,
    opsEmails: (env.NOTIFY_OPS_EMAILS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    fallbackDomain: env.NOTIFY_FALLBACK_DOMAIN || undefined,
    rules: loadRules(env.NOTIFY_RULES_FILE || undefined),
    watchMs: settingFrom(env, 'NOTIFY_WATCH_MS'),
    remindersCron: env.NOTIFY_REMINDERS_CRON || '0 7 * * *',
    maintenanceLeadMs: settingFrom(env, 'NOTIFY_MAINTENANCE_LEAD_MS'),
    maxAttempts: settingFrom(env, 'NOTIFY_MAX_ATTEMPTS'),
    ...((b) => (b === undefined ? {} : { backoffMs: [b, b * 6, b * 24, b * 120] }))(settingFrom(env, 'NOTIFY_RETRY_MS')),
  };
}

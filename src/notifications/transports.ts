import type { Mailer, WebhookSender } from './channels.js';

/**
 * The ways out of the notifications area, built once by the composition root
 * (src/app/adapters/notifiers-module.ts): the configured SMTP server and webhook first, the
 * demo's mail simulator only as the default. The area never reads their settings or a simulator.
 */
export interface NotifierTransports {
  /** Undefined: no SMTP server configured and no mail simulator running (e-mails are not sent). */
  mailer?: Mailer;
  webhook?: WebhookSender;
  /** Accounts without an address get username@domain (the demo's accounts have none). */
  fallbackDomain?: string;
  /** The mail simulator's inbox page, linked from the console in the demo. */
  demoInboxUrl?: string;
}

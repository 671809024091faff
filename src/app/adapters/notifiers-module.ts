import type { GatewayModule } from '../../gateway/module.js';
import { smtpMailer, webhookSender } from '../../notifications/channels.js';
import type { NotifierTransports } from '../../notifications/transports.js';
import type { SimulatorsServices } from '../../sim/simulator.js';
import type { RunningMailSimulator } from '../../sim/smtp/index.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * The notifications' mailer and webhook, built once in the composition root from the typed
 * settings: NOTIFY_SMTP_URL / NOTIFY_WEBHOOK_URL first, else the in-process mail simulator's
 * (demo). The notifications module receives them as `notifiers`.
 */
export const notifiersModule: GatewayModule<{ simulators: SimulatorsServices }, { notifiers: NotifierTransports }> = {
  name: 'notifiers',
  requires: { simulators: true },
  provides: { notifiers: true },
  async init(ctx) {
    const s = ctx.config.settings;
    if (s.NOTIFY_WEBHOOK_URL && !s.NOTIFY_WEBHOOK_SECRET) {
      throw new ValidationError('CONFIG_INVALID', 'NOTIFY_WEBHOOK_URL needs NOTIFY_WEBHOOK_SECRET (the receiver checks the signature)', {
        name: 'NOTIFY_WEBHOOK_SECRET',
      });
    }
    const sim = ctx.services.simulators.mail as RunningMailSimulator | undefined;
    const smtpUrl = s.NOTIFY_SMTP_URL ?? sim?.smtpUrl;
    const webhookUrl = s.NOTIFY_WEBHOOK_URL ?? sim?.webhookUrl;
    // A configured webhook signs with its own secret only; the simulator's secret goes with the simulator's URL.
    const secret = s.NOTIFY_WEBHOOK_URL ? s.NOTIFY_WEBHOOK_SECRET : (s.NOTIFY_WEBHOOK_SECRET ?? sim?.webhookSecret);
    // The demo's accounts have no address: the simulator's inbox receives username@demo domain.
    const fallbackDomain = s.NOTIFY_FALLBACK_DOMAIN ?? (!s.NOTIFY_SMTP_URL && sim ? 'demo.lienthong.local' : undefined);
    const notifiers: NotifierTransports = {
      ...(smtpUrl ? { mailer: smtpMailer(smtpUrl, s.NOTIFY_FROM) } : {}),
      ...(webhookUrl && secret ? { webhook: webhookSender(webhookUrl, secret) } : {}),
      ...(fallbackDomain ? { fallbackDomain } : {}),
      ...(sim ? { demoInboxUrl: sim.url } : {}),
    };
    return { services: { notifiers } };
  },
};

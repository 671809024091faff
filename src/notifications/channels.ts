import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { AppError } from '../shared/errors.js';

/** The mailer port: one message to one address. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** SMTP through nodemailer (NOTIFY_SMTP_URL, e.g. smtp://host:25 or smtps://user:pass@host:465). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      try {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      } catch (err) {
        throw new AppError('SMTP_SEND_FAILED', `SMTP: ${(err as Error).message}`, 502);
      }
    },
  };
}

/**
 * Signature of a webhook body: `v1=` hex HMAC-SHA256 over `<timestamp>.<body>` with the shared
 * secret; the receiver recomputes it and refuses a timestamp older than a few minutes (replay).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookSender {
  send(body: string, now: Date): Promise<void>;
}

export function webhookSender(url: string, secret: string, timeoutMs = 10_000): WebhookSender {
  return {
    async send(body, now) {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const res = await fetch(url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'x-lienthong-timestamp': timestamp,
          'x-lienthong-signature': webhookSignature(secret, timestamp, body),
        },
      }).catch((err: Error) => {
        throw new AppError('WEBHOOK_UNREACHABLE', `Webhook: ${err.message}`, 502);
      });
      if (!res.ok) throw new AppError('WEBHOOK_REFUSED', `Webhook answered HTTP ${res.status}`, 502);
    },
  };
}

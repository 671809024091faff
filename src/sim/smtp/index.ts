import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { FaultSwitch, faultControlRouter, faultStage } from '../faults.js';
import { listenSimulator, type RunningSimulator, type SimulatorDefinition } from '../simulator.js';
import { inboxPage } from './inbox-page.js';
import { startSmtpSimulator, type ReceivedMail, type ReceivedWebhook } from './smtp-simulator.js';

export type { ReceivedWebhook } from './smtp-simulator.js';

/** The mail simulator as the gateway sees it: the HTTP side (inbox page, webhook) and the SMTP URL. */
export interface RunningMailSimulator extends RunningSimulator {
  smtpUrl: string;
  /** The shared secret the webhook receiver checks (SIM_WEBHOOK_SECRET). */
  webhookSecret: string;
  webhookUrl: string;
  inbox: ReceivedMail[];
  webhooks: ReceivedWebhook[];
}

export const DEMO_WEBHOOK_SECRET = 'lienthong-demo-webhook-secret';
const DEFAULT_MAX_SKEW_S = 300;

/**
 * The receiver's own check of a signed webhook (not the gateway's code): `x-lienthong-signature`
 * is `v1=` + hex HMAC-SHA256 of `<x-lienthong-timestamp>.<raw body>`; a stamp more than five
 * minutes from the receiver's clock is a replay.
 */
export function checkWebhook(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  raw: string,
  nowS: number,
  maxSkewS = DEFAULT_MAX_SKEW_S,
) {
  if (!timestamp || !/^\d+$/.test(timestamp)) return 'TIMESTAMP_MISSING';
  if (Math.abs(nowS - Number(timestamp)) > maxSkewS) return 'TIMESTAMP_STALE';
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'SIGNATURE_INVALID';
}

/**
 * The province's mail server and an IOC webhook receiver, simulated together: SMTP on its own
 * port (SIM_MAIL_SMTP_PORT, else ephemeral), and on the HTTP port the inbox page (`/`), the
 * inbox as JSON (`/_sim/inbox`) and `POST /webhook`, which verifies each signature.
 */
export const mailSimulator: SimulatorDefinition = {
  name: 'mail',
  description: 'Máy chủ thư (SMTP) và nơi nhận webhook mô phỏng, có trang hộp thư',
  async start(options) {
    const faults = new FaultSwitch();
    const secret = options.env.SIM_WEBHOOK_SECRET || DEMO_WEBHOOK_SECRET;
    // A gateway on an injected clock (tests) signs with its own time: SIM_WEBHOOK_MAX_SKEW_S widens the window.
    const maxSkewS = Number(options.env.SIM_WEBHOOK_MAX_SKEW_S) || DEFAULT_MAX_SKEW_S;
    const smtp = await startSmtpSimulator({ host: options.host, port: Number(options.env.SIM_MAIL_SMTP_PORT ?? 0) || 0, faults });
    const webhooks: ReceivedWebhook[] = [];
    const app = express();
    app.use(faultControlRouter(faults));
    app.get('/_sim/inbox', (_req, res) => {
      res.json({ mails: smtp.inbox, webhooks });
    });
    app.get('/', (_req, res) => {
      res.type('html').send(inboxPage(smtp.inbox, webhooks));
    });
    app.post('/webhook', faultStage(faults), express.text({ type: '*/*', limit: '256kb' }), (req, res) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const problem = checkWebhook(
        secret,
        req.get('x-lienthong-timestamp'),
        req.get('x-lienthong-signature'),
        raw,
        Date.now() / 1000,
        maxSkewS,
      );
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // kept as text: the page shows what arrived
      }
      webhooks.push({ receivedAt: new Date().toISOString(), body, signatureValid: problem === null, problem });
      if (problem) res.status(401).json({ code: problem, message: 'Chữ ký webhook không hợp lệ' });
      else res.status(204).end();
    });
    const http = await listenSimulator('mail', app, faults, options);
    const running: RunningMailSimulator = {
      ...http,
      smtpUrl: smtp.url,
      webhookSecret: secret,
      webhookUrl: `${http.url}/webhook`,
      inbox: smtp.inbox,
      webhooks,
      async close() {
        await Promise.all([http.close(), smtp.close()]);
      },
    };
    return running;
  },
};

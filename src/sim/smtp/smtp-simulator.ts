import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { FaultSwitch } from '../faults.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

/** A webhook call as the receiver saw it, with its own verdict on the signature. */
export interface ReceivedWebhook {
  receivedAt: string;
  body: unknown;
  signatureValid: boolean;
  problem: string | null;
}

export interface RunningSmtpSimulator {
  host: string;
  port: number;
  /** smtp://host:port, what NOTIFY_SMTP_URL points at. */
  url: string;
  inbox: ReceivedMail[];
  close(): Promise<void>;
}

/** An SMTP-level refusal: smtp-server answers with the error's responseCode. */
function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The province's mail server, simulated: a real SMTP server (smtp-server) that accepts every
 * message, parses it with its own parser (mailparser, not the gateway's code) and keeps it in
 * an inbox. No TLS, no auth: a test and demo double only. With a fault switch, `down` / `5xx`
 * / `429` answer 421 (try again later) to each recipient, so the sender's retries are exercised.
 */
export async function startSmtpSimulator(
  options: { port?: number; host?: string; faults?: FaultSwitch } = {},
): Promise<RunningSmtpSimulator> {
  const host = options.host ?? '127.0.0.1';
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const mode = options.faults?.take() ?? 'none';
      if (mode === 'down' || mode === '5xx' || mode === '429') return callback(smtpError('Mail server busy (simulated fault)', 421));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { host, port, url: `smtp://${host}:${port}`, inbox, close: () => new Promise<void>((r) => server.close(() => r())) };
}

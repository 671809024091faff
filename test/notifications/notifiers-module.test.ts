import { describe, expect, it } from 'vitest';
import { notifiersModule } from '../../src/app/adapters/notifiers-module.js';
import { loadConfig } from '../../src/config.js';
import type { RunningMailSimulator } from '../../src/sim/smtp/index.js';
import type { SimulatorsServices } from '../../src/sim/simulator.js';
import type { Database } from '../../src/store/database.js';

/** Stands in for the running mail simulator: only the addresses the root reads (nothing is sent here). */
const mailSim = {
  name: 'mail',
  url: 'http://127.0.0.1:1/mail',
  smtpUrl: 'smtp://127.0.0.1:2',
  webhookUrl: 'http://127.0.0.1:1/hook',
  webhookSecret: 'sim-secret',
} as unknown as RunningMailSimulator;

const build = async (env: Record<string, string>, simulators: SimulatorsServices = {}) =>
  (
    await notifiersModule.init({
      config: loadConfig({ PORT: '0', ...env }),
      db: {} as Database,
      now: () => new Date('2026-07-20T03:00:00Z'),
      services: { simulators },
    })
  ).services.notifiers;

/** The composition root's notifiers: configured transports first, the mail simulator only as the default. */
describe('notifiers adapter module', () => {
  it('builds nothing without a mail server, a webhook or the simulator', async () => {
    expect(await build({})).toEqual({});
  });

  it('uses the mail simulator in the demo, with its webhook secret and the demo mail domain', async () => {
    const n = await build({}, { mail: mailSim });
    expect(n.mailer).toBeDefined();
    expect(n.webhook).toBeDefined();
    expect(n).toMatchObject({ fallbackDomain: 'demo.lienthong.local', demoInboxUrl: mailSim.url });
  });

  it('prefers the configured SMTP server and webhook; the fallback domain is only the configured one', async () => {
    const n = await build(
      {
        NOTIFY_SMTP_URL: 'smtp://mail.laichau.gov.vn:25',
        NOTIFY_WEBHOOK_URL: 'https://hooks.laichau.gov.vn/x',
        NOTIFY_WEBHOOK_SECRET: 's',
      },
      { mail: mailSim },
    );
    expect(n.mailer).toBeDefined();
    expect(n.webhook).toBeDefined();
    expect(n.fallbackDomain).toBeUndefined();
    expect((await build({ NOTIFY_SMTP_URL: 'smtp://x:25', NOTIFY_FALLBACK_DOMAIN: 'laichau.test' })).fallbackDomain).toBe('laichau.test');
  });

  it("does not sign a configured webhook with the simulator's secret, and refuses a webhook without a secret", async () => {
    await expect(build({ NOTIFY_WEBHOOK_URL: 'https://hooks.laichau.gov.vn/x' }, { mail: mailSim })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      details: { name: 'NOTIFY_WEBHOOK_SECRET' },
    });
  });
});

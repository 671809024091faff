import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { DeliveryServices } from '../delivery/services.js';
import type { NationalPushServices } from '../exchange/kpi/services.js';
import type { MinistryServices } from '../ministry/services.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import { logger } from '../shared/logger.js';
import { demoSettings } from './demo-settings.js';
import { demoPeriods, DemoTraffic } from './demo-traffic.js';
import { scriptedIncident } from './incident.js';
import { leaveWorkForPeople, provinceAwaitingClerk } from './people-work.js';
import { runShowcase } from './showcase.js';

/** How often the showcase looks at a national answer, and for how long (2 minutes) before it moves on. */
const SHOWCASE_LOOK_MS = 1_000;
const SHOWCASE_LOOKS = 120;

/**
 * Demo traffic on a bare machine (`npm start` without DATABASE_URL): a few reports sent at
 * start, one more every DEMO_INTERVAL_MS, the showcase of the packet types the traffic does not
 * produce (showcase.ts: narrative report and its correction, list-type report and a recall, KPI
 * data; the catalogs go at start), and once a scripted outage of the national simulator so the
 * console shows the fallback and the reconciliation. Last module: it uses them all.
 */
export const demoModule: GatewayModule<
  {
    core: CoreServices;
    submissions: SubmissionsServices;
    simulators: SimulatorsServices;
    delivery: DeliveryServices;
    nationalPush: NationalPushServices;
    ministry: MinistryServices;
  },
  NoServices
> = {
  name: 'demo',
  requires: { core: true, submissions: true, simulators: true, delivery: true, nationalPush: true, ministry: true },
  provides: {},
  async init(ctx) {
    const settings = demoSettings(ctx.config);
    const { core, submissions } = ctx.services;
    if (!settings.enabled) return {};
    const traffic = new DemoTraffic(core, submissions);
    const timers = new Set<NodeJS.Timeout>();
    let stopped = false;
    let showcase: Promise<unknown> | undefined;
    const wakers = new Set<() => void>();
    const later = (delay: number, fn: () => Promise<void>) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopped) fn().catch((err: Error) => logger.warn('demo step failed', { error: err.message }));
      }, delay);
      timers.add(t);
    };
    const trickle = async () => {
      const sent = await traffic.send(demoPeriods(ctx.now()).current, 1);
      if (sent.length > 0 && settings.intervalMs > 0) later(settings.intervalMs, trickle);
    };
    return {
      async start() {
        // In the background: the gateway answers while the first reports are on their way.
        later(0, async () => {
          const { current, previous } = demoPeriods(ctx.now());
          // The demo shows the clerk's step: approval leaves the report to the văn thư, who sends it.
          for (const regime of await core.regimes.list()) if (regime.sample) await core.regimes.setAutoDispatch(regime.code, false);
          await traffic.assign(previous);
          await traffic.assign(current);
          await traffic.send(previous, settings.lateReports);
          await traffic.send(current, settings.initialReports);
          // Work left for each demo account; a failure here never stops the traffic below.
          try {
            const left = await leaveWorkForPeople(core, submissions, { current, previous }, ctx.now(), traffic.random);
            logger.info('demo work left for the demo accounts', { left });
          } catch (err) {
            logger.warn('demo work not left', { error: (err as Error).message });
          }
          const clerkWork = async (tries: number) => {
            const w = await provinceAwaitingClerk(submissions, previous);
            if (w.state === 'sent' && tries > 0) later(2_000, () => clerkWork(tries - 1));
          };
          await clerkWork(10);
          logger.info('demo traffic started', { current, previous, intervalMs: settings.intervalMs });
          if (settings.showcase) {
            const { delivery, nationalPush, ministry } = ctx.services;
            const pause = () =>
              new Promise<void>((resolve) => {
                if (stopped) return resolve();
                const t = setTimeout(() => wake(), SHOWCASE_LOOK_MS);
                const wake = () => {
                  clearTimeout(t);
                  wakers.delete(wake);
                  resolve();
                };
                wakers.add(wake);
              });
            showcase = runShowcase({
              core,
              submissions,
              delivery,
              nationalPush,
              ministry,
              now: ctx.now,
              pause,
              looks: SHOWCASE_LOOKS,
              stopped: () => stopped,
            });
          }
          if (settings.intervalMs > 0) later(settings.intervalMs, trickle);
          const national = ctx.services.simulators.national;
          if (settings.incidentAfterMs > 0 && national) {
            later(settings.incidentAfterMs, () =>
              scriptedIncident(national, settings.incidentMs, {
                sendLate: async () => void (await traffic.send(previous, 1)),
                sendCurrent: async () => void (await traffic.send(current, 1)),
                later,
              }),
            );
          }
        });
      },
      async stop() {
        stopped = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        // A showcase step under way ends before the database closes (its waits end at once now).
        for (const wake of [...wakers]) wake();
        await showcase;
      },
    };
  },
};

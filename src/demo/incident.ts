import type { RunningSimulator } from '../sim/simulator.js';
import { logger } from '../shared/logger.js';

export interface IncidentSteps {
  /** A report past its deadline: with the national system down it must take the fallback. */
  sendLate(): Promise<void>;
  /** A report of the current period: it waits (retries) until the national system is back. */
  sendCurrent(): Promise<void>;
  later(delay: number, fn: () => Promise<void>): void;
}

/** Pause between the recovery and the refused packet, so the two show up as separate events. */
const REFUSAL_DELAY_MS = 10_000;

/**
 * The scripted incident of the demo, played with the simulator's own fault switch as an
 * operator would with `PUT /_sim/faults`: the national system goes down; an overdue report
 * goes through the document system (fallback) while a current one waits; the system comes
 * back, so the engine delivers the waiting one and reconciles the fallback one. Then one
 * packet's signature is refused, leaving a rejected packet to re-run from the console.
 */
export async function scriptedIncident(national: RunningSimulator, durationMs: number, steps: IncidentSteps): Promise<void> {
  national.faults.set({ mode: 'down', remaining: 0 });
  logger.warn('demo incident: national system down', { forMs: durationMs });
  await steps.sendLate();
  await steps.sendCurrent();
  steps.later(durationMs, async () => {
    national.faults.set({ mode: 'none', remaining: 0 });
    logger.info('demo incident over: national system back');
    steps.later(REFUSAL_DELAY_MS, async () => {
      national.faults.set({ mode: 'reject-signature', remaining: 1 });
      logger.warn('demo incident: the national system will refuse the next signature');
      await steps.sendCurrent();
    });
  });
}

import type { RunningSimulator } from '../sim/simulator.js';
import { logger } from '../shared/logger.js';

/**
 * The scripted incident of the demo: the national system goes down, a report is sent during
 * the outage (retries, then the fallback to the document system), and the system comes back
 * so the delivery engine reconciles. The simulator's own fault switch does it, as an operator
 * would with `PUT /_sim/faults`.
 */
export async function scriptedIncident(
  national: RunningSimulator,
  durationMs: number,
  sendOne: () => Promise<void>,
  later: (delay: number, fn: () => Promise<void>) => void,
): Promise<void> {
  national.faults.set({ mode: 'down', remaining: 0 });
  logger.warn('demo incident: national system down', { forMs: durationMs });
  await sendOne();
  later(durationMs, async () => {
    national.faults.set({ mode: 'none', remaining: 0 });
    logger.info('demo incident over: national system back');
  });
}

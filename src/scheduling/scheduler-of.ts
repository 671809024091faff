import type { GatewayContext } from '../gateway/context.js';
import type { ModuleInstance } from '../gateway/module.js';
import { MemoryScheduler } from './memory-scheduler.js';
import type { JobScheduler } from './scheduler.js';

/**
 * The gateway's scheduler; a gateway assembled without the scheduler module (a test's own
 * module list) gets an in-process one that the first module asking for it starts and stops.
 */
export function schedulerOf(ctx: GatewayContext): { scheduler: JobScheduler; lifecycle: Pick<ModuleInstance, 'start' | 'stop'> } {
  const existing = ctx.services.scheduler;
  if (existing) return { scheduler: existing, lifecycle: {} };
  const scheduler = new MemoryScheduler({ now: ctx.now });
  ctx.services.scheduler = scheduler;
  return { scheduler, lifecycle: { start: () => scheduler.start(), stop: () => scheduler.stop() } };
}

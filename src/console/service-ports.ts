import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { Services } from '../gateway/services.js';

/**
 * `ctx.services.core` when the core module has started. Read through a guard because the
 * console also runs (in tests, in a degraded gateway) without the catalog.
 */
export function coreServicesOf(services: Services): CoreServices | undefined {
  const c: unknown = services.core;
  if (typeof c !== 'object' || c === null) return undefined;
  const core = c as Partial<CoreServices>;
  return core.orgUnits && core.assignments && core.indicators ? (c as CoreServices) : undefined;
}

export function submissionsServicesOf(services: Services): SubmissionsServices | undefined {
  const s = services.submissions;
  return s && typeof s.service?.timeliness === 'function' ? s : undefined;
}

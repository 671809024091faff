import type { Config } from '../config.js';
import type { AnyModule, ModuleInstance } from '../gateway/module.js';
import { MemoryScheduler } from '../scheduling/memory-scheduler.js';
import type { Database } from '../store/database.js';
import { AppError } from '../shared/errors.js';

export interface AssembledModule {
  name: string;
  instance: ModuleInstance;
}

/**
 * Services the root supplies when no module of the list provides them: an in-process scheduler
 * (started and stopped with the gateway) and no simulators. A test's short module list then
 * needs neither the scheduler nor the simulators module.
 */
function baseServices(now: () => Date, provided: Set<string>): { services: Record<string, unknown>; instances: AssembledModule[] } {
  const services: Record<string, unknown> = {};
  const instances: AssembledModule[] = [];
  if (!provided.has('scheduler')) {
    const scheduler = new MemoryScheduler({ now });
    services.scheduler = scheduler;
    instances.push({ name: 'scheduler (in-process)', instance: { start: () => scheduler.start(), stop: () => scheduler.stop() } });
  }
  if (!provided.has('simulators')) services.simulators = {};
  return { services, instances };
}

/** The wiring is checked from the declarations, before any module starts: a wrong order fails at once, by name. */
function checkOrder(modules: readonly AnyModule[]): void {
  const have = new Set(['scheduler', 'simulators']);
  for (const mod of modules) {
    const missing = Object.keys(mod.requires).filter((name) => !have.has(name));
    if (missing.length > 0) {
      throw new AppError(
        'MODULE_REQUIREMENT_MISSING',
        `Module ${mod.name} requires ${missing.join(', ')}, which no module above it provides`,
        500,
        { module: mod.name, missing },
      );
    }
    for (const name of Object.keys(mod.provides)) have.add(name);
  }
}

/** Initialises the modules in order; each sees exactly the services declared above it. */
export async function assemble(
  modules: readonly AnyModule[],
  base: { config: Config; db: Database; now: () => Date },
): Promise<{ services: Record<string, unknown>; instances: AssembledModule[] }> {
  checkOrder(modules);
  const provided = new Set(modules.flatMap((m) => Object.keys(m.provides)));
  const { services, instances } = baseServices(base.now, provided);
  for (const mod of modules) {
    // Typed to exactly what it declared. The live registry is passed (not a copy) for the one
    // late read left: catalog-sync's KPI push reads the ministry service started after it (#16 notes).
    const instance = await mod.init({ ...base, services });
    for (const name of Object.keys(mod.provides)) {
      const service: unknown = (instance.services as Record<string, unknown> | undefined)?.[name];
      if (service === undefined) {
        throw new AppError('MODULE_SERVICE_MISSING', `Module ${mod.name} declared ${name} but did not provide it`, 500, {
          module: mod.name,
          service: name,
        });
      }
      services[name] = service;
    }
    instances.push({ name: mod.name, instance });
  }
  return { services, instances };
}

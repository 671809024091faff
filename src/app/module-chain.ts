import type { AnyModule, GatewayModule } from '../gateway/module.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import type { JobScheduler } from '../scheduling/scheduler.js';

/** What the root supplies to every list (assemble.ts): an in-process scheduler and no simulators unless a module provides them. */
export interface BaseServices {
  scheduler: JobScheduler;
  simulators: SimulatorsServices;
}

/** Compiles only when every service `R` names is among those provided above (`H`), with the same type. */
type Satisfied<H extends object, R extends object> = H extends R ? unknown : { missingServices: Exclude<keyof R, keyof H> };

/**
 * A module list whose order the compiler checks: `add` accepts a module only when the modules
 * added before it provide everything it requires, so no service can be missing at run time.
 */
export class ModuleChain<H extends object> {
  /** Type only: the services the chain provides (nothing is stored here). */
  declare readonly provided: H;

  private constructor(readonly modules: readonly AnyModule[]) {}

  static empty(): ModuleChain<BaseServices> {
    return new ModuleChain([]);
  }

  add<R extends object, P extends object>(mod: GatewayModule<R, P> & Satisfied<H, R>): ModuleChain<H & P> {
    return new ModuleChain<H & P>([...this.modules, mod]);
  }
}

import type { Router } from 'express';
import type { GatewayContext, HealthCheck } from './context.js';

export interface MountedRouter {
  /** Mount path, e.g. '/api/v1' or '/console'. */
  path: string;
  router: Router;
}

export interface ModuleInstance {
  routers?: MountedRouter[];
  /** Express middleware run before every router (authentication sets the principal here). */
  middleware?: MountedRouter[];
  health?: HealthCheck[];
  /** Background work (relays, workers, schedulers) begins here, after every module is initialised. */
  start?(): Promise<void>;
  /** Graceful shutdown, in reverse start order. */
  stop?(): Promise<void>;
}

/** One area of the gateway (core, exchange, delivery, identity, ministry, console, simulators). */
export interface GatewayModule {
  name: string;
  init(ctx: GatewayContext): Promise<ModuleInstance>;
}

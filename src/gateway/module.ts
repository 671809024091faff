import type { Router } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';

/**
 * The module contract, and nothing else: every area implements it, the composition root
 * (`src/app/`) assembles the modules. This folder imports no area and no area imports the root.
 */

/** No services: what a module that requires or provides nothing declares. */
export type NoServices = Record<never, never>;

/** The names of a services object, each marked `true`: the list the assembly checks at start. */
export type ServiceNames<S extends object> = { readonly [K in keyof S]-?: true };

export interface HealthCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

/**
 * What a module receives at init: configuration, storage, the one clock (tests pass a fixed
 * one) and exactly the services it declared in `requires`, every one present (the assembly
 * refuses to start a module list where a module above does not provide one).
 */
export interface GatewayContext<R extends object = NoServices> {
  config: Config;
  db: Database;
  now: () => Date;
  services: Readonly<R>;
}

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

/** What init returns: the instance and the services it declared in `provides`, for the modules below it. */
export type StartedModule<P extends object> = ModuleInstance & (keyof P extends never ? { services?: P } : { services: P });

/**
 * One area of the gateway. `requires` and `provides` name the services it reads and publishes;
 * their types come from the owning area's `services.ts`, so a module reads `ctx.services.core`
 * without `?.` and the root checks the order once, before any module starts.
 */
export interface GatewayModule<R extends object = NoServices, P extends object = NoServices> {
  name: string;
  requires: ServiceNames<R>;
  provides: ServiceNames<P>;
  init(ctx: GatewayContext<R>): Promise<StartedModule<P>>;
}

/** Any module, whatever it requires and provides (the shape the assembly iterates over). */
export type AnyModule = GatewayModule<object, object>;

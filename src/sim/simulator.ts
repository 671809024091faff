import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { FaultSwitch } from './faults.js';

/** A simulator of an external system, running as a real HTTP server. */
export interface RunningSimulator {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  faults: FaultSwitch;
  close(): Promise<void>;
}

export interface SimulatorStartOptions {
  /** 0 = an ephemeral port. */
  port: number;
  host: string;
  /** Per-simulator settings (SIM_* variables), read by the simulator itself. */
  env: Readonly<Record<string, string | undefined>>;
}

/** One simulator kind; `src/sim/simulators.ts` lists them for `lienthong sim <name>` and the in-process demo. */
export interface SimulatorDefinition {
  name: string;
  description: string;
  start(options: SimulatorStartOptions): Promise<RunningSimulator>;
}

/** Listens and returns the URL and a close that also drops kept-alive sockets. */
export async function listenSimulator(
  name: string,
  app: Express,
  faults: FaultSwitch,
  options: SimulatorStartOptions,
): Promise<RunningSimulator> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://${options.host}:${port}`,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the simulators module publishes: each running simulator by name. */
/** `ctx.services.simulators`: the in-process simulators by name (empty when START_SIMULATORS is off). */
export type SimulatorsServices = Record<string, RunningSimulator>;

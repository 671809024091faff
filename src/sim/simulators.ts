import type { SimulatorDefinition } from './simulator.js';
import { edocSimulator } from './edoc/edoc-simulator.js';
import { vnconnectSimulator } from './vnconnect/simulator.js';
import { nationalSimulator } from './national/index.js';
import { ministrySimulator } from './ministry/index.js';
import { tsaSimulator } from './tsa/index.js';
import { cscSimulator } from './csc/index.js';
import { ocspSimulator } from './ocsp/index.js';
import { mailSimulator } from './smtp/index.js';

/**
 * Every simulator of an external system. Each area adds one import and one entry:
 * national (exchange), edoc (delivery), vnconnect (identity), ministry (ministry).
 */
export const simulators: SimulatorDefinition[] = [
  vnconnectSimulator,
  edocSimulator,
  nationalSimulator,
  ministrySimulator,
  tsaSimulator,
  cscSimulator,
  ocspSimulator,
  mailSimulator,
];

export function simulatorNamed(name: string): SimulatorDefinition | undefined {
  return simulators.find((s) => s.name === name);
}

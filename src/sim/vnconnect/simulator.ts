import { FaultSwitch } from '../faults.js';
import { listenSimulator, type RunningSimulator, type SimulatorDefinition } from '../simulator.js';
import { vnconnectApp } from './app.js';
import { registeredClients } from './client-auth.js';
import { KeyRing } from './keys.js';

/** The running VNConnect simulator, with its key ring exposed for attack tests. */
export interface RunningVnconnect extends RunningSimulator {
  keys: KeyRing;
}

export const vnconnectSimulator: SimulatorDefinition = {
  name: 'vnconnect',
  description: 'VNConnect (OIDC single sign-on of the National Public Service Portal)',
  async start(options): Promise<RunningVnconnect> {
    const faults = new FaultSwitch();
    const keys = new KeyRing(Number(options.env.SIM_VNCONNECT_KEY_GRACE_SECONDS ?? 3600) || 3600);
    await keys.init();
    let base = '';
    const app = vnconnectApp(() => base, keys, faults, {
      clients: registeredClients(options.env),
      idTokenLifetimeSeconds: 300,
      now: () => new Date(),
    });
    const running = await listenSimulator('vnconnect', app, faults, options);
    base = running.url;
    return { ...running, keys };
  },
};

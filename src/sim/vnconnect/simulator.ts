import { FaultSwitch } from '../faults.js';
import { listenSimulator, type RunningSimulator, type SimulatorDefinition } from '../simulator.js';
import { vnconnectApp } from './app.js';
import { KeyRing } from './keys.js';

/** The running VNConnect simulator, with its key ring exposed for attack tests. */
export interface RunningVnconnect extends RunningSimulator {
  keys: KeyRing;
}

/** Registered clients: SIM_VNCONNECT_CLIENTS="id:secret,id2:secret2"; default the gateway's demo client. */
function clientsFrom(raw: string | undefined): Record<string, string> {
  const clients: Record<string, string> = {};
  for (const pair of (raw ?? 'lienthong:lienthong-demo-secret').split(',')) {
    const i = pair.indexOf(':');
    if (i > 0) clients[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return clients;
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
      clients: clientsFrom(options.env.SIM_VNCONNECT_CLIENTS),
      idTokenLifetimeSeconds: 300,
      now: () => new Date(),
    });
    const running = await listenSimulator('vnconnect', app, faults, options);
    base = running.url;
    return { ...running, keys };
  },
};

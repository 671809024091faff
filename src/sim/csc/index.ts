import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { REPO_ROOT } from '../repo-root.js';
import { FaultSwitch, faultControlRouter, faultStage } from '../faults.js';
import { listenSimulator, type SimulatorDefinition } from '../simulator.js';
import { loadSimCredentials } from './credentials.js';
import { cscControlRouter, cscRouter } from './routes.js';

export const DEFAULT_CSC_CLIENT_ID = 'lienthong-demo';
export const DEFAULT_CSC_CLIENT_SECRET = 'lienthong-demo-secret';
export const DEFAULT_CSC_PIN = '123456';

/**
 * Remote signing service (ký số từ xa) speaking the Cloud Signature Consortium API v2 under
 * `/csc/v2/`. The signer confirms each signature with an OTP sent to their phone (read it back
 * with `GET /_sim/otp/<credentialID>`). Settings: SIM_CSC_CREDENTIALS_DIR (default the test
 * PKI's leaders), SIM_CSC_CLIENT_ID, SIM_CSC_CLIENT_SECRET, SIM_CSC_PIN (default 123456).
 */
export const cscSimulator: SimulatorDefinition = {
  name: 'csc',
  description: 'Dịch vụ ký số từ xa (Cloud Signature Consortium API v2)',
  async start(options) {
    const pki = join(REPO_ROOT, 'fixtures', 'pki');
    const state = {
      credentials: loadSimCredentials(
        options.env.SIM_CSC_CREDENTIALS_DIR ?? join(pki, 'leaders'),
        readFileSync(join(pki, 'ca.crt.pem'), 'utf8'),
        options.env.SIM_CSC_PIN ?? DEFAULT_CSC_PIN,
      ),
      clientId: options.env.SIM_CSC_CLIENT_ID ?? DEFAULT_CSC_CLIENT_ID,
      clientSecret: options.env.SIM_CSC_CLIENT_SECRET ?? DEFAULT_CSC_CLIENT_SECRET,
      tokens: new Set<string>(),
      now: () => Date.now(),
    };
    const faults = new FaultSwitch();
    const app = express();
    app.disable('x-powered-by');
    app.use(express.json({ limit: '1mb' }));
    app.use(faultControlRouter(faults));
    app.use(cscControlRouter(state));
    app.use(faultStage(faults));
    app.use(cscRouter(state));
    return listenSimulator('csc', app, faults, options);
  },
};

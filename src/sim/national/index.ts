import { join } from 'node:path';
import express from 'express';
import { REPO_ROOT } from '../repo-root.js';
import { FaultSwitch, faultControlRouter, faultStage } from '../faults.js';
import { listenSimulator, type SimulatorDefinition } from '../simulator.js';
import { callbackRouter, NationalCallbacks } from './callbacks.js';
import { loadAnchors } from './check-packet.js';
import { loadSimSigner } from './receipt-signer.js';
import { ACCEPT_MODES, nationalApiRouter, nationalControlRouter, type AcceptMode, type NationalSimOptions } from './routes.js';
import { ReceivedPackets } from './store.js';

/**
 * Simulator of the Government reporting system (Hệ thống thông tin báo cáo Chính phủ):
 * verifies schema, signature, chain to its trust anchors, validity and key usage; dedupes by
 * Idempotency-Key; answers receipts and status. Settings: SIM_NATIONAL_TRUST_ANCHORS (PEM files,
 * comma-separated; default the test CA), SIM_NATIONAL_ACCEPT=immediate|deferred|manual
 * (also `PUT /_sim/accept-mode`), SIM_NATIONAL_REVIEW_TYPES (packet types the simulated office
 * reviews before accepting, comma-separated: received, accepted on the next status query).
 */
export const nationalSimulator: SimulatorDefinition = {
  name: 'national',
  description: 'Hệ thống thông tin báo cáo Chính phủ (national reporting system)',
  async start(options) {
    const anchors = options.env.SIM_NATIONAL_TRUST_ANCHORS?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [join(REPO_ROOT, 'fixtures', 'pki', 'ca.crt.pem')];
    const asked = options.env.SIM_NATIONAL_ACCEPT as AcceptMode | undefined;
    const acceptMode: AcceptMode = asked && ACCEPT_MODES.includes(asked) ? asked : 'immediate';
    const pki = join(REPO_ROOT, 'fixtures', 'pki');
    // SIM_NATIONAL_SIGN_RECEIPTS=false answers unsigned receipts (a receiver that does not sign).
    const signer =
      options.env.SIM_NATIONAL_SIGN_RECEIPTS === 'false'
        ? undefined
        : loadSimSigner(
            options.env.SIM_NATIONAL_CERT ?? join(pki, 'national.crt.pem'),
            options.env.SIM_NATIONAL_KEY ?? join(pki, 'national.key.pem'),
          );
    const simOptions: NationalSimOptions = {
      anchors: loadAnchors(anchors),
      held: new ReceivedPackets(),
      acceptMode,
      reviewTypes: new Set(
        (options.env.SIM_NATIONAL_REVIEW_TYPES ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
      now: () => new Date(),
      ...(signer ? { signer } : {}),
    };
    const callbacks = new NationalCallbacks(signer, options.env.SIM_NATIONAL_CALLBACK_URL);
    simOptions.onStatusChanged = (receipt) => callbacks.emit({ event: 'packet-status', receipt });
    const faults = new FaultSwitch();
    const app = express();
    app.disable('x-powered-by');
    app.use('/_sim', express.json());
    app.use(faultControlRouter(faults));
    app.use(nationalControlRouter(simOptions));
    app.use(callbackRouter(callbacks, simOptions.now));
    app.use(faultStage(faults, { rateLimited: 'RATE_LIMITED', unavailable: 'SERVICE_UNAVAILABLE' }));
    app.use(nationalApiRouter(simOptions));
    return listenSimulator('national', app, faults, options);
  },
};

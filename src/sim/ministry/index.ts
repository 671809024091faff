import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { REPO_ROOT } from '../repo-root.js';
import { FaultSwitch, faultControlRouter, faultStage } from '../faults.js';
import { listenSimulator, type SimulatorDefinition } from '../simulator.js';
import { ministrySimApiRouter, ministrySimControlRouter } from './routes.js';
import { MinistrySimStore, type SimObservation, type SimPeriod } from './store.js';

/** The demo token; real deployments configure the ministry's own (docs/ministry.md). */
export const DEFAULT_MINISTRY_SIM_TOKEN = 'sim-ministry-token';
const DEFAULT_DATA = join(REPO_ROOT, 'fixtures', 'ministry', 'sim-bnnmt-values.json');

interface SimDataFile {
  periods: { period: SimPeriod; observations: SimObservation[] }[];
}

/**
 * Simulator of a ministry's reporting system (default: Bộ Nông nghiệp và Môi trường, BNNMT):
 * serves its values for pull, accepts pushes, requires a bearer token or X-API-Key. Settings:
 * SIM_MINISTRY_CODE, SIM_MINISTRY_TOKEN, SIM_MINISTRY_DATA (JSON file of periods and observations).
 */
export const ministrySimulator: SimulatorDefinition = {
  name: 'ministry',
  description: 'Hệ thống báo cáo của Bộ, ngành (ministry reporting system, default BNNMT)',
  async start(options) {
    const store = new MinistrySimStore();
    const dataFile = options.env.SIM_MINISTRY_DATA ?? DEFAULT_DATA;
    if (existsSync(dataFile)) {
      const data = JSON.parse(readFileSync(dataFile, 'utf8')) as SimDataFile;
      for (const p of data.periods) store.set(p.period, p.observations);
    }
    const sim = {
      ministryCode: options.env.SIM_MINISTRY_CODE ?? 'BNNMT',
      token: options.env.SIM_MINISTRY_TOKEN ?? DEFAULT_MINISTRY_SIM_TOKEN,
      store,
      now: () => new Date(),
    };
    const faults = new FaultSwitch();
    const app = express();
    app.disable('x-powered-by');
    app.use('/_sim', express.json({ limit: '20mb' }));
    app.use(faultControlRouter(faults));
    app.use(ministrySimControlRouter(sim));
    app.use(faultStage(faults));
    app.use(ministrySimApiRouter(sim));
    return listenSimulator('ministry', app, faults, options);
  },
};

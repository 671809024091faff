import express from 'express';
import { faultControlRouter, faultStage, FaultSwitch } from '../faults.js';
import { simErrorHandler, simNotFound } from '../http-errors.js';
import { listenSimulator, type RunningSimulator, type SimulatorDefinition, type SimulatorStartOptions } from '../simulator.js';
import { EdocInbox } from './inbox.js';
import { edocInspectionRoutes, edocRoutes } from './routes.js';
import { edocSimulatorSettings, type EdocSimulatorSettings } from './settings.js';
import { createSignatureCheck } from './signature-check.js';
import { edocTimestamp } from './status-xml.js';
import { checkVxpHeaders } from './vxp-check.js';

/** Larger than any report with its attachments; a bigger body is refused before it is read. */
const MAX_EDXML_BYTES = 20 * 1024 * 1024;

export interface EdocSimulatorOverrides {
  /** Replace env-derived settings (tests use throwaway certificates). */
  settings?: Partial<EdocSimulatorSettings>;
  now?: () => Date;
}

/**
 * The province's e-document system / national document axis, simulated: checks the VXP HMAC
 * headers, verifies the edXML signature against its trusted certificates, holds documents and
 * answers with edXML status messages (01 arrived, 02 refused, then 03 … 06 as polled or on a timer).
 */
export async function startEdocSimulator(
  options: SimulatorStartOptions,
  overrides: EdocSimulatorOverrides = {},
): Promise<RunningSimulator> {
  const settings = { ...edocSimulatorSettings(options.env), ...overrides.settings };
  const now = overrides.now ?? (() => new Date());
  const inbox = new EdocInbox(settings.progression);
  const verifier = settings.trustedCertificatesPem.length > 0 ? createSignatureCheck(settings.trustedCertificatesPem, now) : null;
  const faults = new FaultSwitch();
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sim', express.json());
  app.use(faultControlRouter(faults));
  app.use(edocInspectionRoutes(inbox));
  app.use(faultStage(faults));
  app.use(express.text({ type: ['application/xml', 'text/xml', 'application/edxml+xml'], limit: MAX_EDXML_BYTES }));
  app.use((req, res, next) => {
    res.locals.systemId = checkVxpHeaders((name) => req.get(name), settings.systems, now());
    next();
  });
  app.use(edocRoutes({ inbox, settings, verifier, now }));
  app.use(simNotFound);
  app.use(simErrorHandler);
  const running = await listenSimulator('edoc', app, faults, options);
  if (settings.progressEveryMs <= 0) return running;
  // Documents nobody polls (the demo) still move on, as a real office would process them.
  const timer = setInterval(() => {
    const stamp = edocTimestamp(now());
    for (const held of inbox.list()) inbox.advance(held, stamp);
  }, settings.progressEveryMs);
  timer.unref();
  return {
    ...running,
    close: async () => {
      clearInterval(timer);
      await running.close();
    },
  };
}

export const edocSimulator: SimulatorDefinition = {
  name: 'edoc',
  description: 'Hệ thống quản lý văn bản và điều hành / trục liên thông văn bản (edXML, QCVN 102)',
  start: (options) => startEdocSimulator(options),
};

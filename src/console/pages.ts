import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { optionalPrincipal } from '../http/principal.js';
import { labelsModuleSource } from './labels-vi.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The console's static files: beside this module when running from source, or back in
 * src/console/public when running the compiled dist/ (tsc copies no assets).
 */
export function publicDir(): string {
  const candidates = [join(here, 'public'), join(here, '..', '..', 'src', 'console', 'public')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`Console assets not found in ${candidates.join(' or ')}`);
  return found;
}

function chartJsPath(): string {
  // chart.js exports no subpaths: find its dist folder from the main entry.
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

/**
 * `/console`: the page needs a session (without one the browser goes to the login page and
 * comes back); scripts, styles and chart.js are public files without data.
 */
export function consolePagesRouter(): Router {
  const dir = publicDir();
  const r = Router();
  r.get('/vendor/chart.js', (_req, res) => {
    res.type('application/javascript').sendFile(chartJsPath());
  });
  // One label table for the browser and the CLI (labels-vi.ts); no data, so no session needed.
  const labels = labelsModuleSource();
  r.get('/assets/labels-data.js', (_req, res) => {
    res.type('application/javascript').set('cache-control', 'max-age=300').send(labels);
  });
  r.use('/assets', express.static(join(dir, 'assets'), { fallthrough: false, maxAge: '5m' }));
  r.get('/', (req, res) => {
    const principal = optionalPrincipal(req);
    if (!principal) {
      res.redirect(302, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl || '/console')}`);
      return;
    }
    // Data entry and clerks work in the reporting app, not on an error page here.
    if (!principal.roles.some((r) => r === 'ops' || r === 'admin' || r === 'leader')) {
      res.redirect(302, '/app/');
      return;
    }
    res.set('cache-control', 'no-store').sendFile(join(dir, 'index.html'));
  });
  return r;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { optionalPrincipal } from '../http/principal.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The console's static files: beside this module when running from source, or back in
 * src/console/public when running the compiled dist/ (tsc copies no assets). The bundle
 * (public/assets/build) is made by scripts/build-webapp.mjs before `npm start` and `npm test`.
 */
export function publicDir(): string {
  const candidates = [join(here, 'public'), join(here, '..', '..', 'src', 'console', 'public')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`Console assets not found in ${candidates.join(' or ')}`);
  return found;
}

/**
 * `/console`: the page needs a session (without one the browser goes to the login page and
 * comes back); its styles and its script (the bundle of src/console/ui, chart.js and the label
 * tables inside, built by scripts/build-webapp.mjs into public/assets/build) are public files
 * without data.
 */
export function consolePagesRouter(): Router {
  const dir = publicDir();
  const r = Router();
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

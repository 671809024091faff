import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { optionalPrincipal, type Principal } from '../http/principal.js';
import { appShell } from './shell.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The app's static files: beside this module from source, or back in src/webapp/public when
 * running the compiled dist/ (tsc copies no assets). The bundle (public/build) is made by
 * scripts/build-webapp.mjs before `npm start` and `npm test`.
 */
export function webappPublicDir(): string {
  const candidates = [join(here, 'public'), join(here, '..', '..', 'src', 'webapp', 'public')];
  const found = candidates.find((d) => existsSync(join(d, 'app.css')));
  if (!found) throw new Error(`Web app assets not found in ${candidates.join(' or ')}`);
  return found;
}

/** Where each role starts after login (Kon Tum 8-9: every role has its own work). */
export function homeFor(principal: Principal): string {
  const r = principal.roles;
  if (r.includes('ops') || (r.includes('admin') && !r.some((x) => x === 'leader' || x === 'data_entry' || x === 'clerk')))
    return '/console';
  return '/app/';
}

const APP_PAGE = appShell('Báo cáo', 'app');
const DASHBOARD_PAGE = appShell('Số liệu công khai', 'dashboard');

function toLogin(req: Request, res: Response): void {
  res.redirect(302, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl || '/app/')}`);
}

/** `/app`: the reporting web app (a page that needs a session) and its assets (public files, no data). */
export function webappPagesRouter(): Router {
  const dir = webappPublicDir();
  const r = Router();
  r.use('/assets', express.static(dir, { fallthrough: false, maxAge: '5m', index: false }));
  // At /app/ (not under /assets) so that it may control the app's page; revalidated on every load.
  r.get('/sw.js', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(join(dir, 'build', 'sw.js'));
  });
  r.get('/home', (req, res) => {
    const principal = optionalPrincipal(req);
    if (!principal) return toLogin(req, res);
    res.redirect(302, homeFor(principal));
  });
  r.get('/', (req, res) => {
    if (!optionalPrincipal(req)) return toLogin(req, res);
    res.set('cache-control', 'no-store').type('html').send(APP_PAGE);
  });
  return r;
}

/** `/cong-khai`: the public dashboard (Hòa Bình 12.3), no login. */
export function dashboardPagesRouter(): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.set('cache-control', 'no-cache').type('html').send(DASHBOARD_PAGE);
  });
  return r;
}

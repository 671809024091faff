#!/usr/bin/env node
// Bundles the reporting web app (src/webapp/ui, Preact + TSX) into src/webapp/public/build with
// esbuild. Runs by itself before `npm start`, before `npm test` and in `npm run build`, so
// `npm ci && npm start` stays the whole set-up. Everything is bundled (no CDN): the app works
// on a network with no internet. A machine without the dev dependencies (production image)
// keeps the bundle built in the image's build stage.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'src', 'webapp', 'public', 'build');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (existsSync(join(outdir, 'app.js'))) process.exit(0);
  console.error('webapp: esbuild is missing and no bundle is built; run `npm ci` (dev dependencies) first');
  process.exit(1);
}

const started = Date.now();
await esbuild.build({
  entryPoints: {
    app: join(root, 'src', 'webapp', 'ui', 'main.tsx'),
    dashboard: join(root, 'src', 'webapp', 'ui', 'dashboard', 'main.tsx'),
    // The service worker: served as /app/sw.js so that its scope is the app (src/webapp/pages.ts).
    sw: join(root, 'src', 'webapp', 'ui', 'sw.ts'),
  },
  outdir,
  bundle: true,
  format: 'esm',
  splitting: false,
  target: 'es2022',
  // WEBAPP_DEBUG=1: readable names in a browser profile (bench/grid-2000.ts BENCH_PROFILE=1).
  minify: !process.env.WEBAPP_DEBUG,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});
if (!process.env.CI_QUIET) console.log(`webapp: bundle built in ${Date.now() - started} ms → ${outdir}`);

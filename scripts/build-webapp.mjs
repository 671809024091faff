#!/usr/bin/env node
// Bundles the browser code with esbuild: the reporting web app (src/webapp/ui, Preact + TSX) into
// src/webapp/public/build, and the ops console (src/console/ui, TypeScript) into
// src/console/public/assets/build. Runs by itself before `npm start`, before `npm test` and in
// `npm run build`, so `npm ci && npm start` stays the whole set-up. Everything is bundled (no
// CDN): both work on a network with no internet. A machine without the dev dependencies
// (production image) keeps the bundles built in the image's build stage.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webappOut = join(root, 'src', 'webapp', 'public', 'build');
const consoleOut = join(root, 'src', 'console', 'public', 'assets', 'build');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (existsSync(join(webappOut, 'app.js')) && existsSync(join(consoleOut, 'console.js'))) process.exit(0);
  console.error('webapp: esbuild is missing and no bundle is built; run `npm ci` (dev dependencies) first');
  process.exit(1);
}

/** Options both bundles share: one target, one minification rule, source maps, licences linked. */
const common = {
  bundle: true,
  format: 'esm',
  splitting: false,
  target: 'es2022',
  // WEBAPP_DEBUG=1: readable names in a browser profile (bench/grid-2000.ts BENCH_PROFILE=1).
  minify: !process.env.WEBAPP_DEBUG,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

const started = Date.now();
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: {
      app: join(root, 'src', 'webapp', 'ui', 'main.tsx'),
      dashboard: join(root, 'src', 'webapp', 'ui', 'dashboard', 'main.tsx'),
      // The service worker: served as /app/sw.js so that its scope is the app (src/webapp/pages.ts).
      sw: join(root, 'src', 'webapp', 'ui', 'sw.ts'),
    },
    outdir: webappOut,
    jsx: 'automatic',
    jsxImportSource: 'preact',
  }),
  // Served as /console/assets/build/console.js (src/console/pages.ts), chart.js inside.
  esbuild.build({ ...common, entryPoints: { console: join(root, 'src', 'console', 'ui', 'main.ts') }, outdir: consoleOut }),
]);
if (!process.env.CI_QUIET) console.log(`webapp: bundles built in ${Date.now() - started} ms → ${webappOut}, ${consoleOut}`);

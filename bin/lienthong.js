#!/usr/bin/env node
// Launcher: runs the compiled CLI in dist/. When dist/ is missing or older than src/ (a fresh
// clone, or a source edit), it builds first (`scripts/build.mjs`, about 10 s once), so every
// command starts on compiled JavaScript rather than compiling TypeScript at each start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildState = join(root, 'scripts', 'build-state.mjs');
// An installed image ships dist/ without the build scripts: nothing to check there.
const stale = existsSync(buildState) && process.env.LIENTHONG_SKIP_BUILD !== '1' && (await import(pathToFileURL(buildState).href)).buildIsStale(root);
if (stale) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href);

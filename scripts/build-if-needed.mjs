#!/usr/bin/env node
// `prestart`: runs `npm run build` only when dist/ is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (buildIsStale(root)) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

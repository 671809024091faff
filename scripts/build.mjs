#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc, then copies every non-TypeScript file under
// src/ (console pages and styles, SQL migrations, JSON tables) to the same place in dist/, so the
// compiled gateway and CLI need nothing from src/ at run time. Ends by writing dist/.build-stamp,
// which `scripts/build-state.mjs` compares with the sources' modification times.
// Other build steps (the web app's and the ops console's front-end bundles) are listed in
// BUILD_STEPS below.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

function copyAssets(dir) {
  let copied = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    if (entry.isDirectory()) copied += copyAssets(from);
    else if (!/\.tsx?$/.test(entry.name)) {
      const to = join(dist, relative(src, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      copied += 1;
    }
  }
  return copied;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/**
 * Steps that write assets under src/ (the web app's bundle into src/webapp/public/build, the
 * console's into src/console/public/assets/build), run after tsc and before the assets are copied
 * to dist/: each `[command, args]` from the root.
 */
const BUILD_STEPS = [[process.execPath, [join(root, 'scripts', 'build-webapp.mjs')]]];

// The typed client's types (src/generated/openapi.ts) come from the contracts: generated first,
// so a contract change that breaks the web app or the CLI breaks this compile.
run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'openapi-client.ts')]);
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
for (const [cmd, args] of BUILD_STEPS) run(cmd, args);
const copied = copyAssets(src);
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
console.log(`build: dist/ compiled, ${copied} asset files copied`);

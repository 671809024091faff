// Whether dist/ is older than the sources it is built from (src/, tsconfig*.json, package.json).
// Used by bin/lienthong.js and `npm start` (prestart) to rebuild only when needed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Build outputs that live under src/ (the web app's and the console's bundles): never a reason to rebuild. */
const OUTPUTS = [join('src', 'webapp', 'public', 'build'), join('src', 'console', 'public', 'assets', 'build')];

function newestMtime(path, root) {
  if (OUTPUTS.some((o) => path === join(root, o))) return 0;
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0; // files only: a folder's own time moves when a build writes beside it
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name), root));
  return newest;
}

/** True when dist/ is missing or any source file is newer than the last build. */
export function buildIsStale(root) {
  const stamp = statSync(join(root, 'dist', '.build-stamp'), { throwIfNoEntry: false });
  if (!stamp) return true;
  const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((p) => newestMtime(join(root, p), root));
  return Math.max(...sources) > stamp.mtimeMs;
}

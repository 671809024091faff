/**
 * Summarises a V8 .cpuprofile (from `--cpu-prof` or a bench's BENCH_CPU_PROFILE): busy time
 * (idle excluded) by where it was spent, so a bench's per-packet costs can be listed without a
 * GUI. Two views: self time by owner (a package under node_modules, a project file, node's
 * internals, GC), and inclusive time by project file (each sample counted once per file on its
 * stack), which is what "the dispatch transaction costs X %" means.
 * Run: npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [rows, default 25] [per, e.g. 1000 packets]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg, perArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary <file.cpuprofile> [rows] [per]');
const rows = Number(rowsArg ?? 25);
const per = Number(perArg ?? 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Who owns a frame: the package, the project file, or a named V8 bucket. */
function owner(n: ProfileNode): string {
  const { url, functionName } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  const src = /\/((?:src|bench|test)\/.*)$/.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return url;
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') return;
  busy += us;
  const o = owner(leaf);
  self.set(o, (self.get(o) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = owner(byId.get(cur)!);
    if (/^(src|bench)\//.test(f) && !seen.has(f)) {
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) ?? 0) + us);
    }
  }
});

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    const each = per > 0 ? `  ${(us / 1000 / per).toFixed(3)} ms each` : '';
    console.log(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms${each}  ${k}`);
  }
};
console.log(`busy ${(busy / 1000).toFixed(0)} ms${per > 0 ? ` (${(busy / 1000 / per).toFixed(2)} ms each of ${per})` : ''}`);
show('self time by owner', self);
show('inclusive time by project file', inclusive);

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The stages of the Dockerfile, each with its instructions (continuation lines joined). */
function stages(dockerfile: string): { from: string; lines: string[] }[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const out: { from: string; lines: string[] }[] = [];
  for (const l of lines) {
    if (/^FROM /i.test(l)) out.push({ from: l, lines: [] });
    else out.at(-1)?.lines.push(l);
  }
  return out;
}

/**
 * A supported runtime (Node 24 LTS) everywhere it is declared, and an image that ships no
 * fixtures (the test PKI's private keys) and runs the compiled dist/ under an init process.
 * These are the files it is built from; scripts/docker-image-local.sh builds and runs the image
 * itself where a Docker engine can run (a base made locally when no registry is reachable).
 */
describe('runtime: Node 24 LTS, and a production image without fixtures', () => {
  it('declares Node 24 in engines and runs the tests on it', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toMatch(/^>=24(\.|$)/);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    // CI installs Node 24 from the npm registry when the machine has an older one.
    expect(read('.ci/run')).toContain('source .ci/node24.sh');
    expect(read('.ci/node24.sh')).toMatch(/LIENTHONG_NODE_VERSION:-24\./);
  });

  it('builds on node:24-slim (or a local base given as NODE_BASE), copies no fixtures into any stage, runs dist/ under tini as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^ARG NODE_BASE=node:24-slim$/m);
    const all = stages(dockerfile);
    expect(all.map((s) => s.from)).toEqual(['FROM ${NODE_BASE} AS build', 'FROM ${NODE_BASE} AS runtime']);
    for (const s of all) expect(s.lines.filter((l) => /^(COPY|ADD) /i.test(l) && /fixtures/.test(l))).toEqual([]);
    // A "COPY . ." would bring fixtures/ in whatever the list above says.
    for (const s of all) expect(s.lines.filter((l) => /^(COPY|ADD) +\.\s/i.test(l))).toEqual([]);
    const runtime = all[1]!.lines;
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime.filter((l) => /^COPY (src|test|scripts)\b/.test(l))).toEqual([]);
    expect(runtime).toContain('USER node');
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/lienthong.js"]');
    expect(runtime.some((l) => /apt-get install .*\btini\b/.test(l))).toBe(true);
    expect(runtime.find((l) => l.startsWith('ENV '))).toMatch(/NODE_ENV=production/);
  });
});

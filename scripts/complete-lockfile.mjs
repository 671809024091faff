// The npm mirror this project is built behind lacks some platform-only optional packages
// (e.g. @msgpackr-extract/*-darwin-*). `npm install` then leaves them out of the lockfile and
// `npm ci` refuses the lockfile as "out of sync". This adds a metadata-only entry (version,
// os, cpu, optional) for each missing optional dependency: npm never downloads a package for
// another platform, so no integrity is needed. Run after `npm install`: npm run lock:complete
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const parts = name.split(/[-/]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    if (!os || !cpu) throw new Error(`cannot infer platform of missing optional ${name}`);
    packages[`node_modules/${name}`] = { version, cpu: [cpu], optional: true, os: [os] };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: ${added} platform-only optional entr${added === 1 ? 'y' : 'ies'} added`);

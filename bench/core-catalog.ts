/**
 * Reporting core cost on embedded PGlite: migrate + demo seed, assignment generation for a
 * year of monthly periods, deadline computation on the working calendar, and the scoped
 * read API (GET /api/v1/org-units/tree, /assignments) through express.
 * Run: npx tsx bench/core-catalog.ts [requests, default 300]
 */
import { DEMO_PASSWORD } from '../test/support/demo.js';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { deadlineFor, parsePeriodKey, vietnamCalendar } from '../src/core/calendar/index.js';
import { coreModule } from '../src/core/module.js';
import { createGateway } from '../src/app/gateway.js';
import type { GatewayModule } from '../src/gateway/module.js';
import type { Principal } from '../src/http/principal.js';
import { logger } from '../src/shared/logger.js';
import { migrate } from '../src/store/migrate.js';
import { PgliteDatabase } from '../src/store/pglite-database.js';

logger.level = process.env.LOG_LEVEL ?? 'warn';
const requests = Number(process.argv[2] ?? 300);

// The bench calls as the province admin, without the identity module.
const admin: Principal = { kind: 'user', id: 'bench', displayName: 'bench', roles: ['admin'], orgUnitId: 'lai-chau' };
const benchAuth: GatewayModule = {
  name: 'bench-auth',
  requires: {},
  provides: {},
  async init() {
    const { Router } = await import('express');
    const router = Router();
    router.use((_req, res, next) => {
      res.locals.principal = admin;
      next();
    });
    return { middleware: [{ path: '/', router }] };
  },
};

const ms = (t0: number) => (performance.now() - t0).toFixed(0);

let t0 = performance.now();
const db = await PgliteDatabase.open();
await migrate(db);
console.log(`migrate (in-memory PGlite): ${ms(t0)} ms`);
t0 = performance.now();
const gw = await createGateway({
  config: loadConfig({ START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD }),
  db,
  now: () => new Date('2027-01-10T02:00:00Z'),
  modules: [benchAuth, coreModule],
});
console.log(`core module init with demo seed + 2 periods of assignments: ${ms(t0)} ms`);
const core = gw.ctx.services.core!;

t0 = performance.now();
let created = 0;
for (let m = 3; m <= 12; m++) created += (await core.assignments.generate('KTXH-THANG', `2027-M${String(m).padStart(2, '0')}`)).length;
console.log(`generate 10 monthly periods: ${created} assignments in ${ms(t0)} ms`);

const calendar = vietnamCalendar();
t0 = performance.now();
let n = 0;
for (let y = 2026; y <= 2035; y++)
  for (let m = 1; m <= 12; m++, n++)
    deadlineFor(parsePeriodKey(`${y}-M${String(m).padStart(2, '0')}`), { workingDaysAfterCutoff: 2 }, calendar);
console.log(`deadlines: ${n} in ${ms(t0)} ms (holiday years computed on first use)`);

const server = await gw.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
for (const path of ['/org-units/tree', '/assignments?periodKey=2027-M01', '/periods/2027-M01?regime=KTXH-THANG']) {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`GET ${path}: ${requests} sequential, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
}
await gw.close();
await db.close();

/**
 * Ministry data ingestion through the inbound API (POST /api/v1/ministry/data) as a real
 * ministry client would send it: the whole gateway (every module, identity included), a client
 * registered with a key pair, a bearer token from /api/v1/oauth/token (private_key_jwt), values
 * mapped through mappings/ministries/BNNMT.json, resolved against the catalog and upserted in
 * batches. Prints values/s for new values (imported) and for a re-send of the same data (all
 * ignored), on PostgreSQL (a private schema of the bench database, never the shared `test`) and
 * on embedded PGlite (a throw-away folder). Goal (issue 14): ≥ 50k values/s.
 * Batches go over `concurrency` parallel connections (PGlite serialises them anyway).
 * Run: npx tsx bench/ingest.ts [batches, default 20] [batch size, default 10000] [pglite|postgres|both] [concurrency, default 1 and 4]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FIXTURES_DIR } from '../src/core/seed/seed-demo.js';
import type { Database } from '../src/store/database.js';
import { logger } from '../src/shared/logger.js';
import { openPgliteTestDatabase } from '../test/support/databases.js';
import { benchSchema, clientBearer, registerBenchClient, startBenchGateway } from './http-support.js';

logger.level = process.env.LOG_LEVEL ?? 'error';
const batches = Number(process.argv[2] ?? 20);
const size = Number(process.argv[3] ?? 10_000);
const which = process.argv[4] ?? 'both';
const concurrencyArg = process.argv[5] ? Number(process.argv[5]) : undefined;
const CLIENT_ID = 'bench-bnnmt';

const ORGS = (
  JSON.parse(readFileSync(join(FIXTURES_DIR, 'province', 'org-units.json'), 'utf8')) as { units: { orgCode: string }[] }
).units.map((u) => u.orgCode);
const COLUMNS = ['TH', 'KH', 'LK'];
const CELLS = [
  { indicatorCode: 'CN.TRAU', unit: 'con' },
  { indicatorCode: 'LN.CPR', unit: '%' },
  { indicatorCode: 'MT.CTR', unit: '%' },
  { indicatorCode: 'NN.LT.SL', unit: 'nghìn tấn', disaggregation: { CAY: 'LUA' } },
  { indicatorCode: 'NN.LT.SL', unit: 'nghìn tấn', disaggregation: { CAY: 'NGO' } },
  { indicatorCode: 'NN.LUA.DT', unit: 'nghìn ha', disaggregation: { VU: 'DX' } },
];

/** Batch b: distinct cells (org × cell × column × month period), so every value of a first send is new. */
function batch(b: number): string {
  const observations = [];
  for (let i = 0; i < size; i += 1) {
    const n = b * size + i;
    const cell = CELLS[n % CELLS.length]!;
    const org = ORGS[Math.floor(n / CELLS.length) % ORGS.length]!;
    const column = COLUMNS[Math.floor(n / (CELLS.length * ORGS.length)) % COLUMNS.length]!;
    const month = Math.floor(n / (CELLS.length * ORGS.length * COLUMNS.length));
    const period = { key: `${2000 + Math.floor(month / 12)}-M${String((month % 12) + 1).padStart(2, '0')}` };
    observations.push({ ...cell, orgCode: org, period, value: (n % 9973) + 0.5, column });
  }
  return JSON.stringify({ packetType: 'kpi-data', payload: { observations } });
}

/** Plain JS (worker eval): posts every body over `concurrency` connections and checks each summary. */
const CLIENT = `
const { parentPort, workerData: d } = require('node:worker_threads');
(async () => {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < d.bodies.length) {
      const body = d.bodies[next++];
      const res = await fetch(d.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + d.bearer }, body });
      const summary = await res.json();
      if (!summary.importCount || summary.importCount[d.expect] !== d.size) throw new Error('unexpected summary ' + JSON.stringify(summary).slice(0, 300));
    }
  };
  await Promise.all(Array.from({ length: d.concurrency }, worker));
  parentPort.postMessage({ seconds: (performance.now() - start) / 1000 });
})().catch((e) => parentPort.postMessage({ error: e.message }));
`;

async function run(name: string, open: () => Promise<{ db: Database; dispose(): Promise<void> }>, concurrency: number): Promise<void> {
  const t = await open();
  const { gw, base } = await startBenchGateway(t.db);
  // A BNNMT client allowed the indicators the batches carry (pattern), with the demo client's key pair.
  await registerBenchClient(t.db, CLIENT_ID, 'BNNMT', '.*');
  const bearer = await clientBearer(base, CLIENT_ID);
  const url = `${base}/api/v1/ministry/data`;
  const bodies = Array.from({ length: batches }, (_, b) => batch(b));
  const send = async (label: string, expect: 'imported' | 'ignored', concurrency: number) => {
    // The client runs in a worker thread so its HTTP and JSON work does not share the event loop with the server.
    const seconds = await new Promise<number>((resolve, reject) => {
      const w = new Worker(CLIENT, { eval: true, workerData: { url, bearer, bodies, expect, size, concurrency } });
      w.once('message', (m: { seconds?: number; error?: string }) =>
        m.error ? reject(new Error(`${name}: ${m.error}`)) : resolve(m.seconds!),
      );
      w.once('error', reject);
    });
    console.log(
      `${name.padEnd(8)} ${label.padEnd(22)} ×${concurrency} ${String(batches * size).padStart(8)} values in ${seconds.toFixed(2)} s = ${Math.round((batches * size) / seconds).toLocaleString('en')} values/s`,
    );
  };
  try {
    await send('new values (imported)', 'imported', concurrency);
    await send('re-send (ignored)', 'ignored', concurrency);
  } finally {
    await gw.close({ drainMs: 1000 });
    await t.dispose();
  }
}

console.log(
  `ingest: ${batches} batches × ${size} values through POST /api/v1/ministry/data (JSON kpi-data, BNNMT mapping, unit conversion, bearer from private_key_jwt, whole gateway)`,
);
if (which !== 'postgres') await run('pglite', openPgliteTestDatabase, concurrencyArg ?? 1);
if (which !== 'pglite') await run('postgres', () => benchSchema(), concurrencyArg ?? 4);

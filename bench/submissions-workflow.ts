/**
 * Workflow throughput on embedded PGlite: N commune reports through create → values → submit →
 * approve (signed) → dispatch → accept, then one consolidation over all of them.
 * Run: npx tsx bench/submissions-workflow.ts [N]
 */
import { performance } from 'node:perf_hooks';
import { periodFor } from '../src/core/calendar/index.js';
import { DispatchListeners } from '../src/core/submissions/dispatch-listeners.js';
import { SubmissionService } from '../src/core/submissions/service.js';
import { PgliteDatabase } from '../src/store/pglite-database.js';
import { migrate } from '../src/store/migrate.js';
import { MemoryCatalog, principal } from '../test/submissions/support/memory-catalog.js';
import { TestSigner } from '../test/submissions/support/setup.js';

const n = Number(process.argv[2] ?? 200);
const db = await PgliteDatabase.open();
await migrate(db);
const catalog = new MemoryCatalog();
const period = periodFor('month', 2027, 1);
for (let i = 0; i < n; i++) {
  catalog.units.set(`c${i}`, { id: `c${i}`, orgCode: `C${i}`, name: `Xã ${i}`, kind: 'commune', parentId: 'dist' });
  catalog.assignments.set(`A${i}`, {
    id: `A${i}`,
    formCode: 'POP',
    orgUnitId: `c${i}`,
    periodKey: period.key,
    period,
    deadline: '2027-01-18',
  });
}
const service = new SubmissionService({
  db,
  catalog,
  listeners: new DispatchListeners(),
  signer: () => new TestSigner(),
  accountNames: () => null,
  now: () => new Date(),
  maxAttachmentBytes: 1 << 20,
});
const values = [
  { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 10 },
  { indicatorCode: 'MALE', columnCode: 'THIS_PERIOD', value: 4 },
  { indicatorCode: 'FEMALE', columnCode: 'THIS_PERIOD', value: 6 },
];
const distLeader = principal('ld', ['leader'], 'dist');
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const entry = principal(`e${i}`, ['data_entry'], `c${i}`);
  const s = await service.create(entry, { assignmentId: `A${i}` });
  await service.saveValues(entry, s.id, values);
  await service.transition(entry, s.id, 'submit');
  await service.transition(principal(`l${i}`, ['leader'], `c${i}`), s.id, 'approve');
  await service.transition(principal(`k${i}`, ['clerk'], `c${i}`), s.id, 'dispatch');
  await service.transition(distLeader, s.id, 'accept');
}
const t1 = performance.now();
const d = await service.create(principal('ed', ['data_entry'], 'dist'), { assignmentId: 'POP-dist' });
const t2 = performance.now();
const result = await service.consolidate(principal('ed', ['data_entry'], 'dist'), d.id);
const t3 = performance.now();
console.log(
  `reports: ${n}, full workflow (6 commands each): ${(t1 - t0).toFixed(0)} ms, ${((n * 6) / ((t1 - t0) / 1000)).toFixed(0)} commands/s, ${((t1 - t0) / n).toFixed(1)} ms/report`,
);
console.log(
  `consolidation of ${result.sources.length} reports: ${(t3 - t2).toFixed(0)} ms, TOTAL = ${result.values.find((v) => v.indicatorCode === 'TOTAL')?.value}`,
);
await db.close();

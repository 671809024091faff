import { expect } from 'vitest';
import { AppError } from '../../../src/shared/errors.js';
import type { CellValue } from '../../../src/core/submissions/types.js';
import { principal } from './memory-catalog.js';
import type { Harness } from './setup.js';

export const staff = (unit: string) => ({
  entry: principal(`entry-${unit}`, ['data_entry'], unit),
  leader: principal(`leader-${unit}`, ['leader'], unit),
  clerk: principal(`clerk-${unit}`, ['clerk'], unit),
});
export type Staff = ReturnType<typeof staff>;
export const comA = staff('comA');
export const comB = staff('comB');
export const dist = staff('dist');
export const prov = staff('prov');

/** TOTAL must equal MALE + FEMALE (the memory catalog's constraint); PCT is never summed. */
export const grid = (total: number, male: number, female: number): CellValue[] => [
  { indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: total },
  { indicatorCode: 'MALE', columnCode: 'THIS_PERIOD', value: male },
  { indicatorCode: 'FEMALE', columnCode: 'THIS_PERIOD', value: female },
  { indicatorCode: 'TOTAL', columnCode: 'PCT', value: 101.2 },
];

/** "status CODE" of the typed error the promise rejects with. */
export async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${err.code}`;
    throw err;
  }
  throw new Error('expected a rejection');
}

/** The unit's staff enter, submit, approve and dispatch their report; returns its id. */
export async function sendUp(h: Harness, unit: string, s: Staff, values: CellValue[]): Promise<string> {
  const created = await h.service.create(s.entry, { assignmentId: `POP-${unit}` });
  await h.service.saveValues(s.entry, created.id, values);
  await h.service.transition(s.entry, created.id, 'submit');
  await h.service.transition(s.leader, created.id, 'approve');
  const out = await h.service.transition(s.clerk, created.id, 'dispatch');
  expect(out.submission.state).toBe('sent');
  return created.id;
}

/** The province's report, consolidated, entered, submitted and approved by its leader; returns its id. */
export async function provinceApproved(h: Harness, values: CellValue[] = grid(3, 1, 2)): Promise<string> {
  const p = await h.service.create(prov.entry, { assignmentId: 'POP-prov' });
  await h.service.consolidate(prov.entry, p.id);
  await h.service.saveValues(prov.entry, p.id, values);
  await h.service.transition(prov.entry, p.id, 'submit');
  await h.service.transition(prov.leader, p.id, 'approve');
  return p.id;
}

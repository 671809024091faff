import { effectiveDeadline, entryLockAt } from '../calendar/entry-lock.js';
import { ConflictError } from '../../shared/errors.js';
import type { SubmissionContext } from './context.js';
import type { SubmissionsDeps } from './deps.js';

/** The lock of a report's entry as the page shows it and the server enforces it. */
export interface ReportEntryLock {
  /** The day in force: the deadline, or the extension granted beyond it. */
  until: string;
  /** 00:00 Asia/Ho_Chi_Minh after that day. */
  lockAt: string;
  locked: boolean;
  /** The server's clock when this was read: the page counts down from it, not from its own. */
  serverTime: string;
}

/**
 * Does the deadline bind this report? Only a unit's first submission: once submitted on time, a
 * report returned by its reviewer (or refused, or being corrected) reopens by the reviewer's
 * decision, and locking it would stop the fix being made. Off with ENTRY_LOCK_AT_DEADLINE=false.
 */
export function entryLockOf(deps: SubmissionsDeps, ctx: SubmissionContext, at: Date = deps.now()): ReportEntryLock | null {
  const s = ctx.submission;
  const deadline = ctx.assignment.deadline;
  if (!deps.lockAtDeadline || !deadline || s.kind !== 'original' || s.firstSubmittedAt || s.state !== 'draft') return null;
  const lockAt = entryLockAt(deadline, ctx.assignment.extendedUntil);
  const until = effectiveDeadline(deadline, ctx.assignment.extendedUntil);
  return { until, lockAt: lockAt.toISOString(), locked: at >= lockAt, serverTime: at.toISOString() };
}

/** 409 ENTRY_LOCKED: past the deadline in force, no edit and no submission until an extension is granted. */
export function assertEntryOpen(deps: SubmissionsDeps, ctx: SubmissionContext): void {
  const lock = entryLockOf(deps, ctx);
  if (lock?.locked) {
    throw new ConflictError('ENTRY_LOCKED', 'The deadline has passed: entry is locked until an extension is granted', {
      assignmentId: ctx.assignment.id,
      until: lock.until,
      lockAt: lock.lockAt,
    });
  }
}

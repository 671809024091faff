import { describe, expect, it } from 'vitest';
import { approvalDeadline } from './approval-deadline.js';

describe('approval deadline of a pending account (one working day, Kon Tum 6)', () => {
  it('skips the weekend', () => {
    // Friday 20/11/2026, 10:00 in Vietnam → due Monday 23/11.
    expect(approvalDeadline(new Date('2026-11-20T03:00:00Z'), new Date('2026-11-21T03:00:00Z'))).toEqual({
      approvalDueBy: '2026-11-23',
      approvalOverdue: false,
    });
  });

  it('skips the 30/4 and 1/5 holidays, and is overdue the day after', () => {
    const created = new Date('2026-04-29T03:00:00Z');
    expect(approvalDeadline(created, new Date('2026-05-04T10:00:00Z')).approvalDueBy).toBe('2026-05-04');
    expect(approvalDeadline(created, new Date('2026-05-05T02:00:00Z')).approvalOverdue).toBe(true);
  });
});

import { localDateOf, vietnamCalendar, type WorkingCalendar } from '../core/calendar/index.js';
import type { User } from './types.js';

/**
 * Kon Tum 6: accounts are created, changed or revoked within one working day. A pending person
 * (first VNConnect login, unmapped) must be approved or refused by the end of the next working
 * day; the admin list shows that date and whether it has passed.
 */
export function approvalDeadline(
  createdAt: Date,
  now: Date,
  calendar: WorkingCalendar = vietnamCalendar(),
): { approvalDueBy: string; approvalOverdue: boolean } {
  const due = calendar.addWorkingDays(localDateOf(createdAt), 1);
  return { approvalDueBy: due, approvalOverdue: localDateOf(now) > due };
}

export function withApprovalDeadline(user: User, now: Date): User & Partial<ReturnType<typeof approvalDeadline>> {
  return user.status === 'pending' ? { ...user, ...approvalDeadline(user.createdAt, now) } : user;
}

import type { ReportPeriod } from '../approved-report.js';

export type AssignmentStatus = 'open' | 'closed';

/** Giao báo cáo: one form assigned to one unit for one period. */
export interface Assignment {
  id: string;
  regimeCode: string;
  formCode: string;
  orgUnitId: string;
  periodKey: string;
  period: ReportPeriod;
  /** ISO date the report is due. */
  deadline: string | null;
  /** A granted extension (gia hạn): entry stays open until the end of this day instead. */
  extendedUntil: string | null;
  status: AssignmentStatus;
  /** Set when a unit re-assigned part of its own assignment to a sub-unit. */
  parentAssignmentId: string | null;
  /** Out-of-schedule open/close (Lai Châu 17.4). */
  openedAt: string | null;
  closedAt: string | null;
  statusNote: string | null;
  createdAt: string;
}

/** What the pure planner decides to create. */
export interface PlannedAssignment {
  regimeCode: string;
  formCode: string;
  orgUnitId: string;
  periodKey: string;
  deadline: string | null;
  parentAssignmentId: string | null;
}

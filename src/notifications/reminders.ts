import { addDays, localDateOf } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { Assignment } from '../core/assignments/types.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { TimelinessRow } from '../core/submissions/queries/timeliness.js';
import type { NotificationEvent } from './notifier.js';
import type { NotificationRule } from './rules.js';

/** dd/mm/yyyy, as Vietnamese letters write dates. */
const viDate = (iso: string) => iso.split('-').reverse().join('/');
/** Missing reports older than this are history, not news (a first start does not mail the past). */
const MISSING_LOOKBACK_DAYS = 30;
/** Reception opened or closed within this many days is told. */
const RECEPTION_LOOKBACK_DAYS = 7;

export interface ReminderDeps {
  core: CoreServices;
  submissions?: SubmissionsServices;
  rules: NotificationRule[];
  now: () => Date;
  nameOf(orgUnitId: string): string;
}

async function rowsOf(deps: ReminderDeps, periodKeys: string[]): Promise<Map<string, TimelinessRow>> {
  const rows = new Map<string, TimelinessRow>();
  if (!deps.submissions) return rows;
  for (const key of periodKeys) {
    for (const r of (await deps.submissions.service.timeliness(key)).rows) rows.set(r.assignmentId, r);
  }
  return rows;
}

/**
 * Reminders from the deadline calendar (Kon Tum 8.1.b, Lai Châu 19): each open assignment not
 * yet sent whose deadline falls within a rule's N working days is told to its unit's users,
 * once per assignment and rule; a report still missing after its deadline is told once.
 */
export async function reminderEvents(deps: ReminderDeps): Promise<NotificationEvent[]> {
  const today = localDateOf(deps.now());
  const calendar = deps.core.calendar;
  const dueRules = deps.rules.filter((r) => r.event === 'deadline.approaching');
  const horizon = dueRules.reduce((h, r) => {
    const d = calendar.addWorkingDays(today, r.workingDays ?? 2);
    return d > h ? d : h;
  }, today);
  const earliest = addDays(today, -MISSING_LOOKBACK_DAYS);
  const assignments = (await deps.core.assignments.list({})).filter(
    (a) => a.deadline !== null && a.deadline >= earliest && a.deadline <= horizon && a.status === 'open',
  );
  const rows = await rowsOf(deps, [...new Set(assignments.map((a) => a.periodKey))]);
  const events: NotificationEvent[] = [];
  for (const a of assignments) {
    const row = rows.get(a.id);
    const sent = !!row?.measuredAt;
    if (sent) continue;
    const deadline = a.deadline!;
    if (deadline >= today) {
      for (const rule of dueRules) {
        if (deadline > calendar.addWorkingDays(today, rule.workingDays ?? 2)) continue;
        events.push({
          type: 'deadline.approaching',
          ruleId: rule.id,
          key: `deadline:${a.id}`,
          orgUnitId: a.orgUnitId,
          subject: `[Nhắc hạn] ${deps.nameOf(a.orgUnitId)}: báo cáo ${a.formCode} kỳ ${a.periodKey} đến hạn ngày ${viDate(deadline)}`,
          text: `Đơn vị ${deps.nameOf(a.orgUnitId)} chưa gửi báo cáo ${a.formCode} kỳ ${a.periodKey}; hạn nộp là ngày ${viDate(deadline)}. Vui lòng hoàn thành và trình ký trước hạn.`,
          data: { assignmentId: a.id, formCode: a.formCode, periodKey: a.periodKey, deadline },
        });
      }
    } else if (row?.status === 'missing') {
      events.push(missingEvent(deps, a, deadline));
    }
  }
  return events;
}

function missingEvent(deps: ReminderDeps, a: Assignment, deadline: string): NotificationEvent {
  return {
    type: 'report.missing',
    key: `missing:${a.id}`,
    orgUnitId: a.orgUnitId,
    subject: `[Quá hạn] ${deps.nameOf(a.orgUnitId)}: chưa nhận báo cáo ${a.formCode} kỳ ${a.periodKey}`,
    text: `Đơn vị ${deps.nameOf(a.orgUnitId)} chưa gửi báo cáo ${a.formCode} kỳ ${a.periodKey}, hạn nộp ngày ${viDate(deadline)} đã qua. Vui lòng gửi ngay; báo cáo gửi sau hạn được tính là trễ hạn.`,
    data: { assignmentId: a.id, formCode: a.formCode, periodKey: a.periodKey, deadline },
  };
}

/** Reception opened or closed outside the schedule (Lai Châu 17.4): the unit is told once per change. */
export async function receptionEvents(deps: Pick<ReminderDeps, 'core' | 'now' | 'nameOf'>): Promise<NotificationEvent[]> {
  const since = new Date(deps.now().getTime() - RECEPTION_LOOKBACK_DAYS * 86_400_000).toISOString();
  const events: NotificationEvent[] = [];
  for (const a of await deps.core.assignments.list({})) {
    const change =
      a.closedAt && a.closedAt >= since && a.status === 'closed'
        ? { what: 'đóng', at: a.closedAt }
        : a.openedAt && a.openedAt >= since && a.status === 'open'
          ? { what: 'mở lại', at: a.openedAt }
          : null;
    if (!change) continue;
    events.push({
      type: 'reception.changed',
      key: `reception:${a.id}@${change.at}`,
      orgUnitId: a.orgUnitId,
      subject: `[Tiếp nhận] Đã ${change.what} tiếp nhận báo cáo ${a.formCode} kỳ ${a.periodKey}`,
      text: `Việc tiếp nhận báo cáo ${a.formCode} kỳ ${a.periodKey} của ${deps.nameOf(a.orgUnitId)} đã được ${change.what} lúc ${change.at}${a.statusNote ? ` (${a.statusNote})` : ''}.`,
      data: { assignmentId: a.id, status: a.status, at: change.at },
    });
  }
  return events;
}

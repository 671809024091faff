import type { CoreServices } from '../core/core-services.js';
import type { ExtensionWithAssignment } from '../core/assignments/extensions.js';
import type { NotificationEvent } from './notifier.js';

/** A request or decision older than this is history, not news (a first start does not mail the past). */
const LOOKBACK_DAYS = 7;

/** dd/mm/yyyy, as Vietnamese letters write dates. */
const viDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

export interface ExtensionEventDeps {
  core: CoreServices;
  now: () => Date;
  nameOf(orgUnitId: string): string;
  /** PUBLIC_URL: the mails link to the app's page for the request. */
  publicUrl: string;
}

function requested(e: ExtensionWithAssignment, deps: ExtensionEventDeps): NotificationEvent {
  const a = e.assignment;
  const unit = deps.nameOf(a.orgUnitId);
  return {
    type: 'extension.requested',
    key: `extension:${e.id}:requested`,
    orgUnitId: a.orgUnitId,
    subject: `[Đề nghị gia hạn] ${unit}: báo cáo ${a.formCode} kỳ ${a.periodKey} xin gia hạn đến ngày ${viDate(e.requestedUntil)}`,
    text:
      `${unit} đề nghị gia hạn nộp báo cáo ${a.formCode} kỳ ${a.periodKey}` +
      `${a.deadline ? ` (hạn hiện tại ngày ${viDate(a.extendedUntil ?? a.deadline)})` : ''} đến ngày ${viDate(e.requestedUntil)}.\n` +
      `Lý do: ${e.reason}\n` +
      `Xem và quyết định tại: ${deps.publicUrl.replace(/\/$/, '')}/app/#/gia-han`,
    data: { extensionId: e.id, assignmentId: a.id, formCode: a.formCode, periodKey: a.periodKey, requestedUntil: e.requestedUntil },
  };
}

function decided(e: ExtensionWithAssignment, deps: ExtensionEventDeps): NotificationEvent {
  const a = e.assignment;
  const granted = e.status === 'granted';
  const what = granted ? `Đã chấp thuận gia hạn đến ngày ${viDate(e.grantedUntil ?? e.requestedUntil)}` : 'Không chấp thuận gia hạn';
  return {
    type: 'extension.decided',
    key: `extension:${e.id}:${e.status}`,
    orgUnitId: a.orgUnitId,
    subject: `[Gia hạn] ${what}: báo cáo ${a.formCode} kỳ ${a.periodKey}`,
    text:
      `Đề nghị gia hạn báo cáo ${a.formCode} kỳ ${a.periodKey} của ${deps.nameOf(a.orgUnitId)}: ${what.toLowerCase()}.` +
      `${e.decisionNote ? `\nÝ kiến: ${e.decisionNote}` : ''}` +
      `${granted ? '' : `\nBáo cáo vẫn theo hạn ngày ${a.deadline ? viDate(a.extendedUntil ?? a.deadline) : '—'}.`}`,
    data: { extensionId: e.id, assignmentId: a.id, status: e.status, grantedUntil: e.grantedUntil },
  };
}

/**
 * Gia hạn told by e-mail: a new request to the leaders and administrators above the unit (who
 * may decide it), the decision to the unit's own accounts. Read from the extension service on
 * the watcher's schedule; each event's key makes it mailed once however often the watcher runs.
 */
export async function extensionEvents(deps: ExtensionEventDeps): Promise<NotificationEvent[]> {
  const since = new Date(deps.now().getTime() - LOOKBACK_DAYS * 86_400_000);
  const events: NotificationEvent[] = [];
  for (const e of await deps.core.extensions.changedSince(since)) {
    if (new Date(e.requestedAt) >= since) events.push(requested(e, deps));
    if (e.status !== 'pending' && e.decidedAt && new Date(e.decidedAt) >= since) events.push(decided(e, deps));
  }
  return events;
}

import { readFileSync } from 'node:fs';
import { ValidationError } from '../shared/errors.js';

/** What can happen that someone must be told about. */
export const EVENT_TYPES = [
  'packet.dead',
  'circuit.open',
  'fallback.used',
  'backlog.aged',
  'timestamping.failed',
  'ocsp.failed',
  'deadline.approaching',
  'report.missing',
  'reception.changed',
  'maintenance.planned',
  'extension.requested',
  'extension.decided',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type RecipientKind = 'ops' | 'unit' | 'deciders' | 'all';

/**
 * A rule, as data: which event, told to whom (`ops`: ops and admin accounts and
 * NOTIFY_OPS_EMAILS; `unit`: the active accounts of the event's org unit; `deciders`: the
 * active leaders and administrators of the units above it (who may grant its extension); `all`: every active
 * account), on which channels, with its threshold (`minutes` for backlog.aged, `workingDays`
 * for deadline.approaching: the watchers raise one event per rule with its own threshold).
 */
export interface NotificationRule {
  id: string;
  event: EventType;
  recipients: RecipientKind;
  channels: ('email' | 'webhook')[];
  minutes?: number;
  workingDays?: number;
}

export const DEFAULT_RULES: NotificationRule[] = [
  { id: 'dead-letter', event: 'packet.dead', recipients: 'ops', channels: ['email', 'webhook'] },
  { id: 'circuit-open', event: 'circuit.open', recipients: 'ops', channels: ['email', 'webhook'] },
  { id: 'fallback-used', event: 'fallback.used', recipients: 'ops', channels: ['email', 'webhook'] },
  { id: 'backlog-aged', event: 'backlog.aged', recipients: 'ops', channels: ['email', 'webhook'], minutes: 30 },
  { id: 'timestamping-failed', event: 'timestamping.failed', recipients: 'ops', channels: ['email', 'webhook'] },
  { id: 'ocsp-failed', event: 'ocsp.failed', recipients: 'ops', channels: ['email', 'webhook'] },
  // Kon Tum 8.1.b, Lai Châu 19: the unit's users are reminded before its deadline, once.
  { id: 'deadline-reminder', event: 'deadline.approaching', recipients: 'unit', channels: ['email'], workingDays: 2 },
  { id: 'report-missing', event: 'report.missing', recipients: 'unit', channels: ['email'] },
  { id: 'reception-changed', event: 'reception.changed', recipients: 'unit', channels: ['email', 'webhook'] },
  // Gia hạn: the units above are told of a request, the unit of the decision.
  { id: 'extension-requested', event: 'extension.requested', recipients: 'deciders', channels: ['email'] },
  { id: 'extension-decided', event: 'extension.decided', recipients: 'unit', channels: ['email'] },
  // Kon Tum 14.6: planned maintenance announced 24 h ahead.
  { id: 'maintenance-planned', event: 'maintenance.planned', recipients: 'all', channels: ['email', 'webhook'] },
];

/** `NOTIFY_RULES_FILE` (a JSON array of rules) replaces the defaults; a bad file stops the start. */
export function loadRules(file: string | undefined): NotificationRule[] {
  if (!file) return DEFAULT_RULES;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new ValidationError('CONFIG_INVALID', 'NOTIFY_RULES_FILE must hold a JSON array of rules');
  for (const r of parsed as NotificationRule[]) {
    const ok =
      typeof r.id === 'string' &&
      EVENT_TYPES.includes(r.event) &&
      ['ops', 'unit', 'deciders', 'all'].includes(r.recipients) &&
      (r.minutes === undefined || (Number.isInteger(r.minutes) && r.minutes > 0)) &&
      (r.workingDays === undefined || (Number.isInteger(r.workingDays) && r.workingDays >= 0)) &&
      Array.isArray(r.channels) &&
      r.channels.every((c) => c === 'email' || c === 'webhook');
    if (!ok) throw new ValidationError('CONFIG_INVALID', `NOTIFY_RULES_FILE: rule ${JSON.stringify(r)} is invalid`, { rule: r });
  }
  return parsed as NotificationRule[];
}

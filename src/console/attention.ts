import type { DeliveryServices, PacketState, PacketView } from '../delivery/services.js';
import { actionFor, errorReason } from './labels-vi.js';

/** States that need a person's attention, worst first. */
export const ATTENTION_STATES: readonly PacketState[] = ['dead', 'rejected', 'queued', 'sending', 'sent_via_fallback'];

/** A packet is stuck in queued/sending once it waited longer than this (the retry policy's first steps). */
export const STUCK_AFTER_MS = 5 * 60_000;

export interface AttentionRow {
  packetId: string;
  /** Null for packets that are not about a report (catalogs, KPI data). */
  submissionId: string | null;
  periodKey: string | null;
  orgUnitId: string | null;
  orgUnitName: string;
  /** Null for packets that carry no report form (catalog, status packets). */
  formCode: string | null;
  packetType: string;
  channel: string;
  state: PacketState;
  /** dead | refused | stuck | fallback: what kind of attention it needs. */
  kind: 'dead' | 'refused' | 'stuck' | 'fallback';
  ageSeconds: number;
  attempts: number;
  lastErrorCode: string | null;
  /** The last error for people, in Vietnamese (the raw message stays in the packet's history). */
  reason: string;
  action: string;
  createdAt: string;
  updatedAt: string;
}

const KIND: Partial<Record<PacketState, AttentionRow['kind']>> = {
  dead: 'dead',
  rejected: 'refused',
  queued: 'stuck',
  sending: 'stuck',
  sent_via_fallback: 'fallback',
};

/**
 * What needs attention across every period (an outage in last month's reports stays visible
 * this month): dead letters, refusals, packets waiting longer than STUCK_AFTER_MS, and reports
 * sent through the fallback and not yet reconciled. Oldest first within each kind.
 */
export async function attentionRows(
  delivery: DeliveryServices,
  now: Date,
  visible: (orgUnitId: string | null) => boolean,
  nameOf: (id: string) => string,
  limitPerState = 200,
): Promise<AttentionRow[]> {
  return (await attentionList(delivery, now, visible, nameOf, limitPerState)).rows;
}

/**
 * attentionRows, saying also whether a state's list stopped at `limitPerState` (then more
 * packets need attention than the rows hold: `lienthong status` says "at least").
 */
export async function attentionList(
  delivery: DeliveryServices,
  now: Date,
  visible: (orgUnitId: string | null) => boolean,
  nameOf: (id: string) => string,
  limitPerState = 200,
): Promise<{ rows: AttentionRow[]; capped: boolean }> {
  const lists = await Promise.all(ATTENTION_STATES.map((state) => delivery.listPackets({ state, limit: limitPerState })));
  const capped = lists.some((l) => l.length >= limitPerState);
  const rows: AttentionRow[] = [];
  for (const p of lists.flat()) {
    if (!visible(p.orgUnitId)) continue;
    const ageMs = now.getTime() - Date.parse(p.createdAt);
    if ((p.state === 'queued' || p.state === 'sending') && ageMs < STUCK_AFTER_MS) continue;
    rows.push(toRow(p, ageMs, nameOf));
  }
  rows.sort((a, b) => ATTENTION_STATES.indexOf(a.state) - ATTENTION_STATES.indexOf(b.state) || b.ageSeconds - a.ageSeconds);
  return { rows, capped };
}

function toRow(p: PacketView, ageMs: number, nameOf: (id: string) => string): AttentionRow {
  return {
    packetId: p.packetId,
    submissionId: p.submissionId,
    periodKey: p.periodKey,
    orgUnitId: p.orgUnitId,
    orgUnitName: p.orgUnitId ? nameOf(p.orgUnitId) : 'Toàn tỉnh',
    formCode: p.formCode,
    packetType: p.packetType,
    channel: p.channel,
    state: p.state,
    kind: KIND[p.state]!,
    ageSeconds: Math.max(0, Math.round(ageMs / 1000)),
    attempts: p.attempts,
    lastErrorCode: p.lastErrorCode,
    // The policy falls back after the outage threshold or near the deadline; the packet does not say which.
    reason: errorReason(
      p.lastErrorCode,
      p.state === 'sent_via_fallback'
        ? 'Kênh chính gián đoạn quá ngưỡng hoặc báo cáo sát hạn nộp: đã gửi qua QLVBĐH'
        : p.lastErrorMessage
          ? 'Đang chờ gửi lại'
          : 'Đang chờ gửi',
    ),
    action: actionFor(p.state, p.lastErrorCode),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

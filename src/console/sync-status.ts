import type { CircuitView, DeliveryServices, SyncSummary } from '../delivery/services.js';

/** The sync summary the console's overview and `lienthong status` both show. */
export interface SyncStatus extends SyncSummary {
  periodKey: string | null;
  queues: Record<string, number>;
  circuits: CircuitView[];
}

export async function syncStatus(delivery: DeliveryServices, periodKey?: string): Promise<SyncStatus> {
  const [summary, queues] = await Promise.all([delivery.summary(periodKey ? { periodKey } : {}), delivery.queueDepths()]);
  return { periodKey: periodKey ?? null, ...summary, queues, circuits: delivery.circuits() };
}

/** Columns padded to their widest cell; plain text so it pipes and greps. */
export function textTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** `lienthong status` as text: states, channels, queues, circuits, then one line per report. */
export function formatSyncStatus(s: SyncStatus, nameOf: (orgUnitId: string) => string = (id) => id): string {
  const states = Object.keys(s.byState);
  const parts = [
    `Trạng thái liên thông${s.periodKey ? ` kỳ ${s.periodKey}` : ' (mọi kỳ)'}`,
    textTable(['state', 'packets'], Object.entries(s.byState).map(([k, n]) => [k, n])),
    textTable(['channel', ...states], Object.entries(s.byChannel).map(([ch, counts]) => [ch, ...states.map((st) => counts[st as keyof typeof counts] ?? 0)])),
    textTable(['queue', 'depth'], Object.entries(s.queues).map(([q, n]) => [q, n])),
    textTable(['channel', 'circuit', 'failing since'], s.circuits.map((c) => [c.channel, c.state, c.failingSince ?? '-'])),
    textTable(['period', 'org unit', 'form', 'state', 'channel', 'submission'],
      s.reports.map((r) => [r.periodKey, nameOf(r.orgUnitId), r.formCode, r.state, r.channel, r.submissionId])),
  ];
  return parts.join('\n\n');
}

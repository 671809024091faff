import type { CircuitView, DeliveryServices, SummaryFilter, SyncSummary } from '../delivery/services.js';
import type { AttentionRow } from './attention.js';
import { CHANNEL, CIRCUIT, PACKET_STATE, QUEUE } from './labels-vi.js';

/** The sync summary the console's overview and `lienthong status` both show. */
export interface SyncStatus extends SyncSummary {
  periodKey: string | null;
  queues: Record<string, number>;
  circuits: CircuitView[];
}

/** Counts come from maintained counters; `reports` is one page (newest first, `reportsNextCursor`). */
export async function syncStatus(
  delivery: DeliveryServices,
  periodKey?: string,
  page: Omit<SummaryFilter, 'periodKey'> = {},
): Promise<SyncStatus> {
  const [summary, queues] = await Promise.all([delivery.summary({ ...page, ...(periodKey ? { periodKey } : {}) }), delivery.queueDepths()]);
  return { periodKey: periodKey ?? null, ...summary, queues, circuits: delivery.circuits() };
}

/** Columns padded to their widest cell; plain text so it pipes and greps. */
export function textTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat(widths[i]! - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const vi = (table: Record<string, string>, code: string) => table[code] ?? code;

/** A circuit as people read it: its state, and since when its channel fails, in one phrase. */
export function circuitPhrase(c: CircuitView, time: (iso: string) => string = (iso) => iso): string {
  if (c.state === 'closed') return c.failingSince ? `đóng, có lỗi từ ${time(c.failingSince)} (chưa đến ngưỡng ngắt)` : vi(CIRCUIT, c.state);
  return `${vi(CIRCUIT, c.state)}${c.failingSince ? ` từ ${time(c.failingSince)}` : ''}`;
}

/**
 * What the text needs of a sync status: the service's own `SyncStatus`, or the console API's
 * answer as the typed client reads it (counters keyed by any state name).
 */
export interface SyncStatusText {
  periodKey: string | null;
  byState: Record<string, number>;
  byChannel: Record<string, Record<string, number>>;
  queues: Record<string, number>;
  circuits: CircuitView[];
  reports: SyncStatus['reports'];
}

/** `lienthong status` as Vietnamese text: what needs attention, states, channels, queues, circuits, reports. */
export function formatSyncStatus(
  s: SyncStatusText,
  nameOf: (orgUnitId: string) => string = (id) => id,
  attention: AttentionRow[] = [],
  age: (seconds: number) => string = String,
): string {
  const states = Object.keys(s.byState);
  const parts = [
    `Trạng thái liên thông${s.periodKey ? ` kỳ ${s.periodKey}` : ' (mọi kỳ)'}`,
    attention.length
      ? `Cần xử lý (mọi kỳ): ${attention.length}\n${textTable(
          ['kỳ', 'đơn vị', 'biểu mẫu', 'trạng thái', 'tuổi', 'lần thử', 'lý do', 'cần làm'],
          attention.map((a) => [
            a.periodKey ?? '-',
            a.orgUnitName,
            a.formCode ?? a.packetType,
            vi(PACKET_STATE, a.state),
            age(a.ageSeconds),
            a.attempts,
            a.reason,
            a.action,
          ]),
        )}`
      : 'Cần xử lý (mọi kỳ): không có',
    textTable(
      ['trạng thái', 'số gói'],
      Object.entries(s.byState).map(([k, n]) => [vi(PACKET_STATE, k), n]),
    ),
    textTable(
      ['kênh', ...states.map((st) => vi(PACKET_STATE, st))],
      Object.entries(s.byChannel).map(([ch, counts]) => [vi(CHANNEL, ch), ...states.map((st) => counts[st as keyof typeof counts] ?? 0)]),
    ),
    textTable(
      ['hàng đợi', 'độ sâu'],
      Object.entries(s.queues).map(([q, n]) => [vi(QUEUE, q), n]),
    ),
    textTable(
      ['kênh', 'cầu dao'],
      s.circuits.map((c) => [vi(CHANNEL, c.channel), circuitPhrase(c)]),
    ),
    textTable(
      ['kỳ', 'đơn vị', 'biểu mẫu', 'trạng thái', 'kênh', 'báo cáo'],
      s.reports.map((r) => [
        r.periodKey,
        nameOf(r.orgUnitId),
        r.formCode,
        vi(PACKET_STATE, r.state),
        vi(CHANNEL, r.channel),
        r.submissionId,
      ]),
    ),
  ];
  return parts.join('\n\n');
}

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
  /** Set when the reports are one page of more (the store's and the API's keyset cursor). */
  reportsNextCursor?: string | null;
}

/** Rows each list of `lienthong status` prints: a terminal page, whatever the history holds. */
export const STATUS_LIST_ROWS = 20;

export interface StatusListOptions {
  /** Rows per list (attention, reports); the rest is counted in one line. */
  maxRows?: number;
  /** The attention list stopped at its per-state cap: more packets may need attention than it holds. */
  attentionCapped?: boolean;
}

const vnNumber = (n: number) => n.toLocaleString('vi-VN');

/** The line under a cut list: how many rows were left out and where to see them. */
function moreLine(hidden: number, atLeast: boolean, noun: string, where: string): string[] {
  if (hidden > 0) return [`… và ${atLeast ? 'ít nhất ' : ''}${vnNumber(hidden)} ${noun} khác (${where})`];
  return atLeast ? [`… và còn ${noun} khác (${where})`] : [];
}

/**
 * `lienthong status` as Vietnamese text: what needs attention, states, channels, queues, circuits,
 * reports. Each list prints at most `maxRows` rows (worst and oldest first) and one line saying
 * how many more there are, so the output stays one screen at any history size.
 */
export function formatSyncStatus(
  s: SyncStatusText,
  nameOf: (orgUnitId: string) => string = (id) => id,
  attention: AttentionRow[] = [],
  age: (seconds: number) => string = String,
  options: StatusListOptions = {},
): string {
  const max = options.maxRows ?? STATUS_LIST_ROWS;
  const states = Object.keys(s.byState);
  const shownAttention = attention.slice(0, max);
  const shownReports = s.reports.slice(0, max);
  const parts = [
    `Trạng thái liên thông${s.periodKey ? ` kỳ ${s.periodKey}` : ' (mọi kỳ)'}`,
    attention.length
      ? `Cần xử lý (mọi kỳ): ${options.attentionCapped ? 'ít nhất ' : ''}${vnNumber(attention.length)}\n${[
          textTable(
            ['kỳ', 'đơn vị', 'biểu mẫu', 'trạng thái', 'tuổi', 'lần thử', 'lý do', 'cần làm'],
            shownAttention.map((a) => [
              a.periodKey ?? '-',
              a.orgUnitName,
              a.formCode ?? a.packetType,
              vi(PACKET_STATE, a.state),
              age(a.ageSeconds),
              a.attempts,
              a.reason,
              a.action,
            ]),
          ),
          ...moreLine(attention.length - max, Boolean(options.attentionCapped), 'gói', 'bảng điều khiển, trang Cần xử lý'),
        ].join('\n')}`
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
    [
      textTable(
        ['kỳ', 'đơn vị', 'biểu mẫu', 'trạng thái', 'kênh', 'báo cáo'],
        shownReports.map((r) => [
          r.periodKey,
          nameOf(r.orgUnitId),
          r.formCode,
          vi(PACKET_STATE, r.state),
          vi(CHANNEL, r.channel),
          r.submissionId,
        ]),
      ),
      // The reports are one page of a keyset list: past it, only "more" is known, not how many.
      ...moreLine(s.reports.length - max, Boolean(s.reportsNextCursor), 'báo cáo', 'lienthong status --json, bảng điều khiển'),
    ].join('\n'),
  ];
  return parts.join('\n\n');
}

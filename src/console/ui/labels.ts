// Vietnamese labels of the stable codes the API returns. The tables shared with the CLI are
// bundled from src/console/labels-vi.ts; tones and page-only labels live here.
export { PACKET_STATE, PACKET_TYPE, CHANNEL, CIRCUIT, QUEUE, TIMELINESS, DELIVERY_ERROR, STATE_ACTION } from '../labels-vi.js';
export { AUDIT_ACTION } from '../../ops/audit-labels.js';

/** The CSS class of a badge or card: its colour. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info';

export const STATE_TONE: Record<string, Tone> = {
  queued: 'info',
  sending: 'info',
  delivered: 'ok',
  acknowledged: 'ok',
  rejected: 'bad',
  dead: 'bad',
  sent_via_fallback: 'warn',
  reconciled: 'ok',
};
export const CIRCUIT_TONE: Record<string, Tone> = { closed: 'ok', half_open: 'warn', open: 'bad' };
export const TIMELINESS_TONE: Record<string, Tone> = { on_time: 'ok', late: 'warn', missing: 'bad', pending: 'info' };
export const ROLE: Record<string, string> = {
  admin: 'Quản trị',
  leader: 'Lãnh đạo',
  data_entry: 'Nhập liệu',
  clerk: 'Văn thư',
  ops: 'Vận hành',
  ministry_client: 'Hệ thống bộ, ngành',
};
export const ATTENTION_KIND: Record<string, string> = {
  dead: 'Thư chết',
  refused: 'Bị từ chối',
  stuck: 'Kẹt trong hàng đợi',
  fallback: 'Gửi qua dự phòng, chờ đối soát',
};

/** The route a report took: primary, fallback, or reconciled after a fallback. */
export function routeBadge(state: string, channel: string): [string, Tone] {
  if (state === 'reconciled') return ['đã đối soát', 'ok'];
  if (state === 'sent_via_fallback' || channel === 'edoc') return ['dự phòng', 'warn'];
  return ['chính', 'info'];
}
export const COLUMN: Record<string, string> = {
  PLAN: 'Kế hoạch năm',
  THIS_PERIOD: 'Thực hiện kỳ báo cáo',
  YTD: 'Lũy kế từ đầu năm',
  PCT_SAME_PERIOD: 'So với cùng kỳ năm trước (%)',
};

/** "3 phút", "2 giờ 5 phút", "4 ngày 3 giờ": an age for people (same wording as the CLI). */
export function fmtAge(seconds: number): string {
  const m = Math.floor(seconds / 60);
  if (m < 1) return `${seconds} giây`;
  if (m < 60) return `${m} phút`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return `${hours} giờ${m % 60 ? ` ${m % 60} phút` : ''}`;
  return `${Math.floor(hours / 24)} ngày${hours % 24 ? ` ${hours % 24} giờ` : ''}`;
}

/** A circuit and its failure clock in one consistent phrase (same rule as `lienthong status`). */
export function circuitPhrase(c: { state: string; failingSince: string | null }, fmtTime: (iso: string) => string): string {
  if (c.state === 'closed')
    return c.failingSince ? `đóng, có lỗi từ ${fmtTime(c.failingSince)} (chưa đến ngưỡng ngắt)` : 'đóng (bình thường)';
  return `${c.state === 'open' ? 'mở (đã ngắt kết nối)' : 'nửa mở (đang thử lại)'}${c.failingSince ? ` từ ${fmtTime(c.failingSince)}` : ''}`;
}

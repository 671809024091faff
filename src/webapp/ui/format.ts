/** Dates and numbers as Vietnamese staff read them; "today" is Vietnam's (UTC+7, no DST). */
const VN_OFFSET_MS = 7 * 3600_000;

export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from today (Vietnam) to an ISO date: negative when overdue. */
export function daysLeft(deadline: string, now = new Date()): number {
  const a = Date.parse(`${vnToday(now)}T00:00:00Z`);
  const b = Date.parse(`${deadline}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function daysLeftText(deadline: string | null, done: boolean, now = new Date()): string {
  if (!deadline) return '—';
  if (done) return 'Đã nộp';
  const d = daysLeft(deadline, now);
  if (d > 0) return `Còn ${d} ngày`;
  if (d === 0) return 'Hạn cuối hôm nay';
  return `Quá hạn ${-d} ngày`;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString();
  return `${t.slice(11, 16)} ${fmtDate(t)}`;
}

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
export function fmtNumber(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : NUMBER.format(v);
}

/** Reads what a person typed (shared with the server's reading of an uploaded list). */
export { parseNumber } from '../../core/forms/typed-text.js';

/** "2027-M01" → "Tháng 01/2027" and the other period kinds. */
export function periodLabel(key: string): string {
  const adHoc = /^(\d{4})-AH(\d+)$/.exec(key);
  if (adHoc) return `Đợt ${adHoc[2]}/${adHoc[1]}`;
  const m = /^(\d{4})-(M(\d{2})|Q(\d)|H(\d)|9M|Y)$/.exec(key);
  if (!m) return key;
  const [, year, , month, quarter, half] = m;
  if (month) return `Tháng ${month}/${year}`;
  if (quarter) return `Quý ${quarter}/${year}`;
  if (half) return `6 tháng ${half === '1' ? 'đầu' : 'cuối'} năm ${year}`;
  if (key.endsWith('9M')) return `9 tháng năm ${year}`;
  return `Năm ${year}`;
}

/** The period before `key` of the same kind (for "kỳ trước" comparison). */
export function previousPeriodKey(key: string): string | null {
  const m = /^(\d{4})-M(\d{2})$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return mo === 1 ? `${y - 1}-M12` : `${y}-M${String(mo - 1).padStart(2, '0')}`;
  }
  const q = /^(\d{4})-Q(\d)$/.exec(key);
  if (q) return q[2] === '1' ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${Number(q[2]) - 1}`;
  const h = /^(\d{4})-H(\d)$/.exec(key);
  if (h) return h[2] === '1' ? `${Number(h[1]) - 1}-H2` : `${h[1]}-H1`;
  const y = /^(\d{4})-(9M|Y)$/.exec(key);
  if (y) return `${Number(y[1]) - 1}-${y[2]}`;
  return null;
}

/** Lower-case without diacritics: "Lai Châu" and "lai chau" match (đ → d as well). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

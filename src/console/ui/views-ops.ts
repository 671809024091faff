// Charts over time (queue depth, delivery latency, timeliness per unit) and usage statistics.
import type { ApiSchema } from '../../shared/api-client.js';
import { api, downloadHref } from './api.js';
import { drawChart } from './charts.js';
import { fmtTime, h, section, table } from './dom.js';
import { CHANNEL, QUEUE } from './labels.js';
import { describeError, messageOf, type View } from './view.js';

type Usage = ApiSchema<'api.ops.usage'>;
type UsageRow = Usage['totals'] & { orgUnitName: string; orgUnitId?: string };

const timeLabel = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour12: false,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export const trends: View = async () => {
  const hoursSelect = h(
    'select',
    { id: 'trend-hours', 'aria-label': 'Khoảng thời gian' },
    [6, 24, 72, 168].map((n) => h('option', { value: n, selected: n === 24 }, n < 48 ? `${n} giờ qua` : `${n / 24} ngày qua`)),
  );
  const queueCanvas = h('canvas', { id: 'queue-chart', height: 90 });
  const latencyCanvas = h('canvas', { id: 'latency-chart', height: 90 });
  const timelinessCanvas = h('canvas', { id: 'timeliness-chart', height: 110 });
  const note = h('p', { class: 'hint' }, '');
  const show = async () => {
    const c = await api.get('/api/v1/ops/charts', { params: { query: { hours: Number(hoursSelect.value) } } });
    const times = [...new Set(c.queue.map((s) => s.at))];
    const queues = [...new Set(c.queue.map((s) => s.queue))];
    drawChart('queue', queueCanvas, {
      type: 'line',
      data: {
        labels: times.map(timeLabel),
        datasets: queues.map((q) => ({
          label: QUEUE[q] ?? q,
          data: times.map((t) => c.queue.find((s) => s.at === t && s.queue === q)?.depth ?? null),
        })),
      },
      options: { plugins: { title: { display: true, text: 'Độ sâu hàng đợi (số gói tin)' } }, scales: { y: { beginAtZero: true } } },
    });
    const buckets = [...new Set(c.latency.map((b) => b.at))];
    const channels = [...new Set(c.latency.map((b) => b.channel))];
    const latency = (t: string, ch: string) => c.latency.find((b) => b.at === t && b.channel === ch);
    drawChart('latency', latencyCanvas, {
      type: 'line',
      data: {
        labels: buckets.map(timeLabel),
        datasets: channels.flatMap((ch) => [
          { label: `${CHANNEL[ch] ?? ch}: trung bình`, data: buckets.map((t) => latency(t, ch)?.meanMs ?? null) },
          { label: `${CHANNEL[ch] ?? ch}: 95%`, data: buckets.map((t) => latency(t, ch)?.p95Ms ?? null) },
        ]),
      },
      options: {
        plugins: { title: { display: true, text: 'Thời gian gửi thành công (mili giây)' } },
        scales: { y: { beginAtZero: true } },
      },
    });
    drawChart('timeliness', timelinessCanvas, {
      type: 'line',
      data: { labels: c.timeliness.periods, datasets: c.timeliness.units.map((u) => ({ label: u.orgUnitName, data: u.rates })) },
      options: {
        plugins: { title: { display: true, text: 'Tỷ lệ nộp đúng hạn theo đơn vị (%)' } },
        scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } } },
      },
    });
    note.textContent = `Từ ${fmtTime(c.from)} đến ${fmtTime(c.to)}: ${times.length} lần lấy mẫu hàng đợi, ${c.latency.reduce((n, b) => n + b.count, 0)} lần gửi thành công.`;
  };
  const refresh = () =>
    void show().catch((e: unknown) => {
      note.textContent = messageOf(e);
    });
  hoursSelect.addEventListener('change', refresh);
  queueMicrotask(refresh);
  return [
    section('Biểu đồ vận hành theo thời gian', h('div', { class: 'toolbar' }, h('label', {}, 'Khoảng ', hoursSelect)), note),
    section('Hàng đợi', queueCanvas),
    section('Độ trễ gửi', latencyCanvas),
    section('Tính kịp thời theo đơn vị', timelinessCanvas),
  ];
};

const USAGE_HEADERS = [
  'Đơn vị',
  'Đăng nhập',
  'TK hoạt động',
  'TK bị khoá',
  'Được giao',
  'Đã nhập',
  'Đã gửi',
  'Đúng hạn',
  'Trễ hạn',
  'Chưa nộp',
  'Chưa đến hạn',
  'Đính chính',
];
const usageCells = (u: UsageRow) => [
  u.orgUnitName,
  u.logins,
  u.activeAccounts,
  u.disabledAccounts,
  u.assigned,
  u.entered,
  u.submitted,
  u.onTime,
  u.late,
  u.missing,
  u.pending,
  u.corrections,
];

function usageBody(r: Usage): HTMLElement[] {
  const rows: UsageRow[] = [...r.units, { orgUnitName: 'Tổng cộng', ...r.totals }];
  return [
    h(
      'p',
      { class: 'hint' },
      `Các kỳ: ${r.periods.join(', ') || 'không có'}. Đăng nhập và đính chính tính từ ${fmtTime(r.from)} đến trước ${fmtTime(r.to)}.`,
    ),
    table(
      USAGE_HEADERS,
      rows.map((u) =>
        h(
          'tr',
          { class: u.orgUnitId ? '' : 'total' },
          usageCells(u).map((c) => h('td', {}, c)),
        ),
      ),
    ),
  ];
}

export const usage: View = async ({ period }) => {
  const { periods } = await api.get('/api/v1/console/periods');
  const months = periods.filter((p) => /-M\d{2}$/.test(p)).sort();
  const pick = (id: string, label: string, value: string | undefined) =>
    h(
      'select',
      { id, 'aria-label': label },
      months.map((p) => h('option', { value: p, selected: p === value }, p)),
    );
  const last = months.includes(period) ? period : months.at(-1);
  const fromSelect = pick('usage-from', 'Từ kỳ', months[Math.max(0, months.indexOf(last ?? '') - 5)] ?? last);
  const toSelect = pick('usage-to', 'Đến kỳ', last);
  const canvas = h('canvas', { id: 'usage-chart', height: 100 });
  const body = h('div', {});
  const link = h('a', { id: 'usage-export', class: 'button', href: '#' }, 'Tải Excel (.xlsx)');
  const show = async () => {
    const range = { from: fromSelect.value, to: toSelect.value };
    link.setAttribute('href', downloadHref('/api/v1/ops/usage/export', range));
    const r = await api.get('/api/v1/ops/usage', { params: { query: range } });
    body.replaceChildren(...usageBody(r));
    drawChart('usage', canvas, {
      type: 'bar',
      data: {
        labels: r.units.map((u) => u.orgUnitName),
        datasets: [
          { label: 'Đúng hạn', data: r.units.map((u) => u.onTime), stack: 'r' },
          { label: 'Trễ hạn', data: r.units.map((u) => u.late), stack: 'r' },
          { label: 'Chưa nộp', data: r.units.map((u) => u.missing), stack: 'r' },
          { label: 'Đăng nhập', data: r.units.map((u) => u.logins), stack: 'l' },
        ],
      },
      options: { plugins: { title: { display: true, text: 'Báo cáo và đăng nhập theo đơn vị' } }, scales: { y: { beginAtZero: true } } },
    });
  };
  const onChange = () => void show().catch((e: unknown) => body.replaceChildren(h('div', { class: 'alert bad' }, describeError(e))));
  fromSelect.addEventListener('change', onChange);
  toSelect.addEventListener('change', onChange);
  queueMicrotask(onChange);
  return [
    section(
      'Thống kê sử dụng theo đơn vị',
      h('div', { class: 'toolbar' }, h('label', {}, 'Từ kỳ ', fromSelect), h('label', {}, 'Đến kỳ ', toSelect), link),
      canvas,
      body,
    ),
  ];
};

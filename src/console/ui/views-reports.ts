// Tính kịp thời, Lịch hạn nộp, Biểu đồ chỉ tiêu.
import type { ApiSchema } from '../../shared/api-client.js';
import { api } from './api.js';
import { badge } from './badges.js';
import { drawChart, removeChart } from './charts.js';
import { fmtDate, fmtTime, h, section, table } from './dom.js';
import { COLUMN, TIMELINESS, TIMELINESS_TONE } from './labels.js';
import { messageOf, type View } from './view.js';

type Indicator = ApiSchema<'api.console.indicators'>['indicators'][number];

const needPeriod = () => [section('Chọn kỳ báo cáo', h('p', { class: 'hint' }, 'Chọn một kỳ ở góc trên để xem.'))];
const statusBadge = (s: string) => badge(TIMELINESS[s] ?? s, TIMELINESS_TONE[s] ?? 'info');

export const timeliness: View = async ({ period }) => {
  if (!period) return needPeriod();
  const t = await api.get('/api/v1/console/timeliness', { params: { query: { periodKey: period } } });
  const total = t.units.reduce(
    (acc, u) => ({
      onTime: acc.onTime + u.onTime,
      late: acc.late + u.late,
      missing: acc.missing + u.missing,
      pending: acc.pending + (u.pending ?? 0),
    }),
    { onTime: 0, late: 0, missing: 0, pending: 0 },
  );
  const all = total.onTime + total.late + total.missing + total.pending || 1;
  const pct = (n: number) => `${Math.round((n * 100) / all)}%`;
  const stat = (tone: string, n: number, label: string) =>
    h('div', { class: `stat ${tone}` }, h('div', { class: 'n' }, n), h('div', {}, `${label} (${pct(n)})`));
  return [
    section(
      `Tổng hợp kỳ ${t.periodKey}`,
      h(
        'div',
        { class: 'cards' },
        stat('ok', total.onTime, 'Đúng hạn'),
        stat('warn', total.late, 'Trễ hạn'),
        stat('bad', total.missing, 'Chưa nộp, quá hạn'),
        stat('info', total.pending, 'Chưa đến hạn'),
      ),
      t.asOf
        ? h(
            'p',
            { class: 'hint' },
            `Tính đến ngày ${fmtDate(t.asOf)}: báo cáo chưa nộp chỉ bị tính "Chưa nộp" khi đã qua hạn nộp (như Lịch hạn nộp).`,
          )
        : null,
    ),
    section(
      'Theo đơn vị',
      table(
        ['Đơn vị', 'Đánh giá', 'Đúng hạn', 'Trễ hạn', 'Chưa nộp', 'Chưa đến hạn'],
        t.units.map((u) =>
          h(
            'tr',
            { 'data-unit': u.orgUnitId },
            h('td', {}, t.names[u.orgUnitId] ?? u.orgUnitId),
            h('td', {}, statusBadge(u.status)),
            h('td', { class: 'num' }, u.onTime),
            h('td', { class: 'num' }, u.late),
            h('td', { class: 'num' }, u.missing),
            h('td', { class: 'num' }, u.pending ?? 0),
          ),
        ),
        'Kỳ này chưa giao báo cáo',
      ),
    ),
    section(
      'Chi tiết',
      table(
        ['Đơn vị', 'Biểu mẫu', 'Hạn nộp', 'Trình lúc', 'Đánh giá'],
        t.rows.map((r) =>
          h(
            'tr',
            {},
            h('td', {}, t.names[r.orgUnitId] ?? r.orgUnitId),
            h('td', {}, r.formCode),
            h('td', {}, fmtDate(r.deadline)),
            h('td', {}, fmtTime(r.submittedAt)),
            h('td', {}, statusBadge(r.status)),
          ),
        ),
      ),
    ),
  ];
};

export const calendar: View = async ({ period }) => {
  if (!period) return needPeriod();
  const { days } = await api.get('/api/v1/console/calendar', { params: { query: { periodKey: period } } });
  if (!days.length) return [section('Lịch hạn nộp', h('p', { class: 'empty' }, 'Kỳ này chưa giao báo cáo'))];
  return days.map((d) =>
    section(
      `Hạn nộp ${fmtDate(d.date)} (${d.entries.length} báo cáo)`,
      h(
        'ul',
        { class: 'calendar' },
        d.entries.map((e) => h('li', {}, statusBadge(e.status), ' ', h('strong', {}, e.orgUnitName), ` · ${e.formCode} (${e.regimeCode})`)),
      ),
    ),
  );
};

async function drawIndicator(canvas: HTMLCanvasElement, unitId: string, indicator: Indicator): Promise<void> {
  const { points } = await api.get('/api/v1/console/units/{id}/series', {
    params: { path: { id: unitId }, query: { indicatorCode: indicator.code } },
  });
  const periods = [...new Set(points.map((p) => p.periodKey))];
  const columns = [...new Set(points.map((p) => p.columnCode))];
  // Percentages get their own axis on the right: they do not share a scale with amounts.
  const datasets = columns.map((c) => ({
    label: COLUMN[c] ?? c,
    yAxisID: c.startsWith('PCT') ? 'pct' : 'y',
    data: periods.map((k) => points.find((p) => p.periodKey === k && p.columnCode === c)?.value ?? null),
  }));
  drawChart('indicator', canvas, {
    type: periods.length > 1 ? 'line' : 'bar',
    data: { labels: periods, datasets },
    options: {
      responsive: true,
      plugins: { title: { display: true, text: `${indicator.name} (${indicator.unit})` } },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: indicator.unit } },
        pct: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } },
      },
    },
  });
}

export const charts: View = async () => {
  const { units } = await api.get('/api/v1/console/units');
  const canvas = h('canvas', { id: 'indicator-chart', height: 120 });
  const note = h('p', { class: 'hint' }, 'Số liệu đã được lãnh đạo phê duyệt.');
  const indicatorSelect = h('select', { id: 'chart-indicator', 'aria-label': 'Chỉ tiêu' });
  let indicators: Indicator[] = [];
  const showIndicator = async () => {
    const ind = indicators.find((i) => i.code === indicatorSelect.value);
    if (ind)
      await drawIndicator(canvas, unitSelect.value, ind).catch((e: unknown) => {
        note.textContent = messageOf(e);
      });
  };
  const showUnit = async () => {
    ({ indicators } = await api.get('/api/v1/console/units/{id}/indicators', { params: { path: { id: unitSelect.value } } }));
    indicatorSelect.replaceChildren(...indicators.map((i) => h('option', { value: i.code }, `${i.code} · ${i.name}`)));
    note.textContent = indicators.length ? 'Số liệu đã được lãnh đạo phê duyệt.' : 'Đơn vị chưa có số liệu được phê duyệt.';
    if (!indicators.length) removeChart('indicator');
    await showIndicator();
  };
  const unitSelect = h(
    'select',
    { id: 'chart-unit', 'aria-label': 'Đơn vị', onchange: showUnit },
    units.map((u) => h('option', { value: u.id }, u.name)),
  );
  indicatorSelect.addEventListener('change', () => void showIndicator());
  queueMicrotask(() => {
    if (units.length) void showUnit();
  });
  return [
    section(
      'Biểu đồ chỉ tiêu theo đơn vị',
      h('div', { class: 'toolbar' }, h('label', {}, 'Đơn vị ', unitSelect), h('label', {}, 'Chỉ tiêu ', indicatorSelect)),
      note,
      canvas,
    ),
  ];
};

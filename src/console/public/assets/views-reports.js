// Tính kịp thời, Lịch hạn nộp, Biểu đồ chỉ tiêu.
import { api, query } from './api.js';
import { fmtDate, fmtTime, h, section, table } from './dom.js';
import { COLUMN, TIMELINESS, TIMELINESS_TONE } from './labels.js';
import { badge } from './views-sync.js';

const needPeriod = () => [section('Chọn kỳ báo cáo', h('p', { class: 'hint' }, 'Chọn một kỳ ở góc trên để xem.'))];
const statusBadge = (s) => badge(TIMELINESS[s] ?? s, TIMELINESS_TONE[s] ?? 'info');

export async function timeliness({ period }) {
  if (!period) return needPeriod();
  const t = await api.get('/timeliness' + query({ periodKey: period }));
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
  const pct = (n) => `${Math.round((n * 100) / all)}%`;
  return [
    section(
      `Tổng hợp kỳ ${t.periodKey}`,
      h(
        'div',
        { class: 'cards' },
        h('div', { class: 'stat ok' }, h('div', { class: 'n' }, total.onTime), h('div', {}, `Đúng hạn (${pct(total.onTime)})`)),
        h('div', { class: 'stat warn' }, h('div', { class: 'n' }, total.late), h('div', {}, `Trễ hạn (${pct(total.late)})`)),
        h('div', { class: 'stat bad' }, h('div', { class: 'n' }, total.missing), h('div', {}, `Chưa nộp, quá hạn (${pct(total.missing)})`)),
        h('div', { class: 'stat info' }, h('div', { class: 'n' }, total.pending), h('div', {}, `Chưa đến hạn (${pct(total.pending)})`)),
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
}

export async function calendar({ period }) {
  if (!period) return needPeriod();
  const { days } = await api.get('/calendar' + query({ periodKey: period }));
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
}

let chart = null;

async function drawChart(canvas, unitId, indicator) {
  const { points } = await api.get(`/units/${encodeURIComponent(unitId)}/series` + query({ indicatorCode: indicator.code }));
  const periods = [...new Set(points.map((p) => p.periodKey))];
  const columns = [...new Set(points.map((p) => p.columnCode))];
  // Percentages get their own axis on the right: they do not share a scale with amounts.
  const datasets = columns.map((c) => ({
    label: COLUMN[c] ?? c,
    yAxisID: c.startsWith('PCT') ? 'pct' : 'y',
    data: periods.map((k) => points.find((p) => p.periodKey === k && p.columnCode === c)?.value ?? null),
  }));
  if (chart) chart.destroy();
  if (!window.Chart) throw new Error('Không tải được thư viện biểu đồ');
  chart = new window.Chart(canvas, {
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

export async function charts() {
  const { units } = await api.get('/units');
  const canvas = h('canvas', { id: 'indicator-chart', height: 120 });
  const note = h('p', { class: 'hint' }, 'Số liệu đã được lãnh đạo phê duyệt.');
  const indicatorSelect = h('select', { id: 'chart-indicator', 'aria-label': 'Chỉ tiêu' });
  let indicators = [];
  const showIndicator = async () => {
    const ind = indicators.find((i) => i.code === indicatorSelect.value);
    if (ind)
      await drawChart(canvas, unitSelect.value, ind).catch((e) => {
        note.textContent = e.message;
      });
  };
  const showUnit = async () => {
    ({ indicators } = await api.get(`/units/${encodeURIComponent(unitSelect.value)}/indicators`));
    indicatorSelect.replaceChildren(...indicators.map((i) => h('option', { value: i.code }, `${i.code} · ${i.name}`)));
    note.textContent = indicators.length ? 'Số liệu đã được lãnh đạo phê duyệt.' : 'Đơn vị chưa có số liệu được phê duyệt.';
    if (chart && !indicators.length) {
      chart.destroy();
      chart = null;
    }
    await showIndicator();
  };
  const unitSelect = h(
    'select',
    { id: 'chart-unit', 'aria-label': 'Đơn vị', onchange: showUnit },
    units.map((u) => h('option', { value: u.id }, u.name)),
  );
  indicatorSelect.addEventListener('change', showIndicator);
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
}

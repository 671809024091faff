import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { api } from '../api.js';
import { Loading, useLoad } from '../components.js';
import { fmtDateTime, fmtNumber, periodLabel } from '../format.js';
import type { Publication, PublishedSet } from '../types.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);


function BarChart({ set, indicator, column }: { set: PublishedSet; indicator: string; column: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const value = (u: string) => set.values.find((v) => v.orgUnitId === u && v.indicatorCode === indicator && v.columnCode === column)?.value ?? null;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: set.units.map((u) => u.name), datasets: [{ label: set.columns.find((c) => c.code === column)?.label ?? column, data: set.units.map((u) => value(u.id)), backgroundColor: '#0b4f8a' }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false },
    });
    return () => chart.destroy();
  }, [set, indicator, column]);
  const row = set.rows.find((r) => r.indicatorCode === indicator);
  return (
    <div class="chart-box">
      <canvas ref={canvas} id="public-chart" role="img" aria-label={`Biểu đồ cột: ${row?.label ?? indicator} theo đơn vị (số liệu trong bảng dưới)`} />
    </div>
  );
}

function Figures({ pub }: { pub: Publication }) {
  const { data, error } = useLoad(() => api.get('/api/v1/public/figures/{periodKey}/{formCode}', { params: { path: { periodKey: pub.periodKey, formCode: pub.formCode } } }), [pub.periodKey, pub.formCode]);
  const [indicator, setIndicator] = useState('');
  const [column, setColumn] = useState('');
  if (!data) return <Loading error={error} />;
  const ind = indicator || data.rows[0]?.indicatorCode || '';
  const col = column || data.columns.find((c) => c.kind === 'number')?.code || data.columns[0]?.code || '';
  const value = (u: string, r: string, c: string) => data.values.find((v) => v.orgUnitId === u && v.indicatorCode === r && v.columnCode === c)?.value ?? null;
  const base = `/api/v1/public/figures/${data.periodKey}/${encodeURIComponent(data.formCode)}`;
  return (
    <section class="card" id="figures" data-period={data.periodKey} data-form={data.formCode}>
      <h2>{data.formName} · {periodLabel(data.periodKey)}</h2>
      <p class="muted">Công bố lúc {fmtDateTime(data.publishedAt)} · chỉ gồm số liệu đã được lãnh đạo đơn vị phê duyệt. <a href={`${base}/csv`} id="download-csv">Tải về (CSV, mở bằng Excel)</a></p>
      <div class="filters">
        <label>Chỉ tiêu<select value={ind} onChange={(e) => setIndicator((e.target as HTMLSelectElement).value)}>{data.rows.map((r) => <option value={r.indicatorCode}>{r.label}</option>)}</select></label>
        <label>Cột số liệu<select value={col} onChange={(e) => setColumn((e.target as HTMLSelectElement).value)}>{data.columns.map((c) => <option value={c.code}>{c.label}</option>)}</select></label>
      </div>
      <BarChart set={data} indicator={ind} column={col} />
      <div class="table-wrap">
        <table id="public-table">
          <caption>{data.rows.find((r) => r.indicatorCode === ind)?.label} ({data.rows.find((r) => r.indicatorCode === ind)?.unit}) theo đơn vị</caption>
          <thead><tr><th scope="col">Đơn vị</th>{data.columns.map((c) => <th scope="col" class="num">{c.label}</th>)}</tr></thead>
          <tbody>{data.units.map((u) => (
            <tr data-unit={u.id}><th scope="row">{u.name}</th>{data.columns.map((c) => <td class="num">{fmtNumber(value(u.id, ind, c.code))}</td>)}</tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

function Dashboard() {
  const { data, error } = useLoad(() => api.get('/api/v1/public/figures'), []);
  const [picked, setPicked] = useState(0);
  return (
    <>
      <header class="top"><div class="brand">Số liệu công khai <span>· Hệ thống thông tin báo cáo tỉnh Lai Châu</span></div><a class="btn" href="/app/home">Đăng nhập</a></header>
      <main id="main">
        <h1>Số liệu kinh tế - xã hội được công khai</h1>
        {!data ? <Loading error={error} /> : data.publications.length === 0 ? <p id="no-figures">Chưa có số liệu nào được công khai.</p> : (
          <>
            <div class="filters"><label>Kỳ và biểu mẫu<select id="publication" value={String(picked)} onChange={(e) => setPicked(Number((e.target as HTMLSelectElement).value))}>
              {data.publications.map((p, i) => <option value={String(i)}>{periodLabel(p.periodKey)} — {p.formName}</option>)}</select></label></div>
            <Figures pub={data.publications[picked]!} key={picked} />
          </>
        )}
      </main>
    </>
  );
}

const root = document.getElementById('root')!;
root.textContent = '';
render(<Dashboard />, root);

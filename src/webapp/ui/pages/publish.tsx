import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox, Loading, useLoad } from '../components.js';
import { fmtDateTime, periodLabel } from '../format.js';
import type { AppState } from '../store.js';
import type { Publication } from '../types.js';


/** Admin: publish a period's approved figures on the public dashboard (Hòa Bình 12.3), or withdraw them. */
export function PublishPage({ state }: { state: AppState }) {
  const forms = [...state.forms.values()].filter((f) => f.type === 'data' && f.regimeCode);
  const [formCode, setFormCode] = useState(forms[0]?.code ?? '');
  const [periodKey, setPeriodKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const pubs = useLoad(() => api.get('/api/v1/app/publications'), [result]);
  const assignments = useLoad(() => api.get('/api/v1/assignments', { params: { query: { formCode } } }), [formCode]);
  const periods = [...new Set((assignments.data?.assignments ?? []).map((a) => a.periodKey))].sort().reverse();
  const period = periodKey || periods[0] || '';
  const publish = async () => {
    setError(null); setResult(null);
    try {
      const r = await api.post('/api/v1/app/publications', { body: { periodKey: period, formCode } });
      setResult(`Đã công khai số liệu đã duyệt của ${r.units} đơn vị (${r.values} ô số liệu).`);
    } catch (e) { setError(e); }
  };
  const withdraw = async (p: Publication) => {
    setError(null);
    try { await api.post('/api/v1/app/publications/{periodKey}/{formCode}/withdraw', { params: { path: { periodKey: p.periodKey, formCode: p.formCode } } }); setResult(`Đã gỡ ${p.formName} ${periodLabel(p.periodKey)}.`); } catch (e) { setError(e); }
  };
  return (
    <section>
      <h1>Công khai số liệu</h1>
      <p>Chỉ số liệu đã được lãnh đạo đơn vị phê duyệt được sao chép lên <a href="/cong-khai">trang số liệu công khai</a>; số liệu thay đổi sau đó chỉ hiện khi công khai lại.</p>
      <div class="filters">
        <label>Biểu mẫu<select id="publish-form" value={formCode} onChange={(e) => setFormCode((e.target as HTMLSelectElement).value)}>{forms.map((f) => <option value={f.code}>{f.name}</option>)}</select></label>
        <label>Kỳ<select id="publish-period" value={period} onChange={(e) => setPeriodKey((e.target as HTMLSelectElement).value)}>{periods.map((p) => <option value={p}>{periodLabel(p)}</option>)}</select></label>
        <button type="button" id="publish" onClick={() => void publish()}>Công khai</button>
      </div>
      <ErrorBox error={error} />
      {result ? <p class="ok-box" role="status" id="publish-result">{result}</p> : null}
      <h2>Đã công khai</h2>
      {!pubs.data ? <Loading error={pubs.error} /> : (
        <table id="publications"><thead><tr><th scope="col">Kỳ</th><th scope="col">Biểu mẫu</th><th scope="col">Lúc</th><th scope="col">Thao tác</th></tr></thead>
          <tbody>{pubs.data.publications.map((p) => (
            <tr><td>{periodLabel(p.periodKey)}</td><td>{p.formName}</td><td>{fmtDateTime(p.publishedAt)}</td>
              <td><button type="button" class="secondary" onClick={() => void withdraw(p)}>Gỡ<span class="sr-only"> {p.formName} {periodLabel(p.periodKey)}</span></button></td></tr>
          ))}</tbody></table>
      )}
    </section>
  );
}

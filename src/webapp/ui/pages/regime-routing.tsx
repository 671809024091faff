import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox, Loading, useLoad } from '../components.js';
import type { AppState } from '../store.js';
import type { ApiSchema } from '../../../shared/api-client.js';

type Regime = ApiSchema<'Regime'>;
/** The routing as the PATCH takes it (and the regime carries it): rules as data. */
type Routing = NonNullable<ApiSchema<'api.core.update-regime-routing'>['routing']>;
type Kind = keyof NonNullable<Routing['receivers']>;
type National = NonNullable<Routing['national']>;

const KIND_LABEL: Record<Kind, string> = {
  province: 'Cấp tỉnh',
  department: 'Sở, ban, ngành',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
};

const NATIONAL_LABEL: Record<National, string> = {
  receiver: 'Chỉ báo cáo tổng hợp của đơn vị nhận cuối',
  all: 'Báo cáo của mọi đơn vị được giao',
  none: 'Không gửi (báo cáo chỉ lưu hành trong tỉnh)',
};

const PARENT = 'parent';

/** The regime's routing as the page edits it: the API keeps it as data (an object of rules). */
function routingOf(r: Regime): Routing {
  const raw = r.routing ?? {};
  return { receivers: { ...raw.receivers }, national: raw.national, forms: raw.forms };
}

function RegimeCard({ regime, state }: { regime: Regime; state: AppState }) {
  const kinds: Kind[] = 'kinds' in regime.assignees ? regime.assignees.kinds : (Object.keys(KIND_LABEL) as Kind[]);
  const [autoDispatch, setAutoDispatch] = useState(regime.autoDispatch);
  const [routing, setRouting] = useState<Routing>(() => routingOf(regime));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const units = [...state.units.values()].filter((u) => u.kind !== 'commune').sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const id = (what: string) => `routing-${regime.code}-${what}`;
  const receiverValue = (k: Kind) => {
    const rule = routing.receivers?.[k];
    return !rule || rule === PARENT ? PARENT : rule.orgUnitId;
  };
  const setReceiver = (k: Kind, value: string) =>
    setRouting((r) => ({ ...r, receivers: { ...r.receivers, [k]: value === PARENT ? PARENT : { orgUnitId: value } } }));
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const body = { autoDispatch, routing: { ...routing, national: routing.national ?? ('receiver' as const) } };
      await api.patch('/api/v1/regimes/{code}/routing', { params: { path: { code: regime.code } }, body });
      setSaved(`Đã lưu cách gửi của «${regime.name}».`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card routing" id={id('form')} data-regime={regime.code} onSubmit={(e) => void save(e)}>
      <h2>{regime.name}</h2>
      <p class="muted">
        Mã {regime.code} · biểu mẫu: {regime.formCodes.join(', ') || '—'}
      </p>
      <fieldset>
        <legend>Sau khi lãnh đạo phê duyệt và ký số</legend>
        <label>
          <input type="radio" name={id('dispatch')} value="clerk" checked={!autoDispatch} onChange={() => setAutoDispatch(false)} /> Văn thư
          kiểm tra chữ ký và gửi
        </label>
        <label>
          <input type="radio" name={id('dispatch')} value="auto" checked={autoDispatch} onChange={() => setAutoDispatch(true)} /> Tự động
          gửi ngay khi phê duyệt
        </label>
      </fieldset>
      <label for={id('national')}>Báo cáo gửi Hệ thống báo cáo Chính phủ</label>
      <select
        id={id('national')}
        value={routing.national ?? 'receiver'}
        onChange={(e) => setRouting((r) => ({ ...r, national: (e.currentTarget as HTMLSelectElement).value as National }))}
      >
        {(Object.keys(NATIONAL_LABEL) as National[]).map((n) => (
          <option value={n}>{NATIONAL_LABEL[n]}</option>
        ))}
      </select>
      <table class="responsive">
        <caption>Đơn vị nhận báo cáo theo loại đơn vị gửi</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị gửi</th>
            <th scope="col">Gửi đến</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr data-kind={k}>
              <th scope="row">{KIND_LABEL[k]}</th>
              <td data-label="Gửi đến">
                <select
                  id={id(`receiver-${k}`)}
                  aria-label={`Đơn vị nhận báo cáo của ${KIND_LABEL[k].toLowerCase()}`}
                  value={receiverValue(k)}
                  onChange={(e) => setReceiver(k, (e.currentTarget as HTMLSelectElement).value)}
                >
                  <option value={PARENT}>Đơn vị cấp trên gần nhất được giao cùng biểu</option>
                  {units.map((u) => (
                    <option value={u.id}>{u.name}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {routing.forms && Object.keys(routing.forms).length > 0 ? (
        <p class="muted">Biểu có quy tắc riêng (giữ nguyên): {Object.keys(routing.forms).join(', ')}.</p>
      ) : null}
      <ErrorBox error={error} />
      {saved ? (
        <p class="ok-box" role="status" id={id('saved')}>
          {saved}
        </p>
      ) : null}
      <button type="submit">Lưu cách gửi</button>
    </form>
  );
}

/**
 * Admin of the province: how each report regime travels (Kon Tum 10.3, Hòa Bình 7.2): whether the
 * clerk checks and sends after the leader signs, which reports go to the national system, and
 * who receives each kind of unit's report. Saved through PATCH /regimes/{code}/routing (audited).
 */
export function RegimeRoutingPage({ state }: { state: AppState }) {
  const regimes = useLoad(() => api.get('/api/v1/regimes'), []);
  return (
    <section id="regime-routing">
      <h1>Chế độ báo cáo: cách gửi</h1>
      <p>Thay đổi áp dụng cho các báo cáo được phê duyệt và gửi từ nay; báo cáo đã gửi không đổi.</p>
      {!regimes.data ? <Loading error={regimes.error} /> : regimes.data.regimes.map((r) => <RegimeCard regime={r} state={state} />)}
    </section>
  );
}

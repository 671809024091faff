import { useMemo, useState } from 'preact/hooks';
import { isAdditiveUnit } from '../../../core/forms/additive-cells.js';
import { api } from '../api.js';
import { ErrorBox, Loading, ReasonDialog, StateBadge, useLoad } from '../components.js';
import { daysLeft, fmtDate, fmtNumber, fold, periodLabel, vnToday } from '../format.js';
import { go } from '../router.js';
import { has, type AppState } from '../store.js';
import type { Assignment, Form, Submission } from '../types.js';
import { APPROVED, loadConsolidation, type SubUnitLine } from './consolidation-data.js';

function periodsOf(assignments: Assignment[]): string[] {
  return [...new Set(assignments.map((a) => a.periodKey))].sort().reverse();
}

/** Late: past the deadline with nothing submitted; missing: no report at all. */
function lateness(l: SubUnitLine): { state: string; late: boolean } {
  const deadline = l.assignment?.deadline;
  const overdue = !!deadline && daysLeft(deadline) < 0;
  const s = l.submission;
  if (!s) return { state: 'not_started', late: overdue };
  return { state: s.state, late: overdue && ['draft', 'returned'].includes(s.state) };
}

/**
 * Tổng hợp: the parent unit sees each sub-unit's report of the period (status, values, late or
 * missing), returns one with a reason, and reviews the sum of the approved figures before it
 * builds its own consolidated report from them.
 */
/**
 * The form to open on: the route's, else the form of the unit's own assignment due soonest from
 * today (the month being consolidated, not whichever form sorts first), else the first data form.
 */
export function defaultForm(forms: Form[], own: Assignment[]): string {
  const today = vnToday();
  const data = new Set(forms.map((f) => f.code));
  const mine = own.filter((a) => data.has(a.formCode) && a.status === 'open');
  const upcoming = mine.filter((a) => (a.deadline ?? '') >= today).sort((x, y) => (x.deadline ?? '').localeCompare(y.deadline ?? ''));
  const recent = mine.sort((x, y) => (y.deadline ?? '').localeCompare(x.deadline ?? ''));
  return upcoming[0]?.formCode ?? recent[0]?.formCode ?? forms[0]?.code ?? '';
}

/**
 * Tổng hợp: the parent unit sees each sub-unit's report of the period (status, values, late or
 * missing), receives or returns one with a reason, and reviews the sum of the received figures
 * before it builds its own consolidated report from them. `#/tong-hop/<form>/<period>` opens one.
 */
export function ConsolidationPage({ state, formArg, periodArg }: { state: AppState; formArg?: string; periodArg?: string }) {
  const forms = [...state.forms.values()].filter((f) => f.type === 'data' && f.regimeCode);
  const own = useLoad(
    () => api.get('/api/v1/assignments', { params: { query: { orgUnitId: state.principal.orgUnitId } } }),
    [state.principal.orgUnitId],
  );
  if (!own.data && !formArg) return <Loading error={own.error} />;
  return (
    <Consolidation
      state={state}
      forms={forms}
      initialForm={formArg || defaultForm(forms, own.data?.assignments ?? [])}
      periodArg={periodArg}
    />
  );
}

function Consolidation({
  state,
  forms,
  initialForm,
  periodArg,
}: {
  state: AppState;
  forms: Form[];
  initialForm: string;
  periodArg?: string;
}) {
  const [formCode, setFormCode] = useState(initialForm);
  const all = useLoad(() => api.get('/api/v1/assignments', { params: { query: { formCode } } }), [formCode]);
  const periods = useMemo(() => periodsOf(all.data?.assignments ?? []), [all.data]);
  const [picked, setPicked] = useState<string | null>(periodArg ?? null);
  const today = vnToday();
  const periodKey =
    picked ??
    periods
      .slice()
      .reverse()
      .find((p) => (all.data?.assignments ?? []).some((a) => a.periodKey === p && (a.deadline ?? '') >= today)) ??
    periods[0] ??
    '';
  const [filter, setFilter] = useState('');
  const form = state.forms.get(formCode);
  return (
    <section>
      <h1>Tổng hợp báo cáo của đơn vị cấp dưới</h1>
      <div class="filters no-print">
        <label>
          Biểu mẫu
          <select
            id="consolidation-form"
            value={formCode}
            onChange={(e) => {
              setFormCode((e.target as HTMLSelectElement).value);
              setPicked(null);
            }}
          >
            {forms.map((f) => (
              <option value={f.code}>{f.name}</option>
            ))}
          </select>
        </label>
        <label>
          Kỳ báo cáo
          <select id="consolidation-period" value={periodKey} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
            {periods.map((p) => (
              <option value={p}>{periodLabel(p)}</option>
            ))}
          </select>
        </label>
        <label>
          Tìm đơn vị (không cần dấu)
          <input type="search" id="unit-search" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      {form && periodKey ? <Board state={state} form={form} periodKey={periodKey} filter={filter} /> : <Loading error={all.error} />}
    </section>
  );
}

function Board({ state, form, periodKey, filter }: { state: AppState; form: Form; periodKey: string; filter: string }) {
  const { data, error, reload } = useLoad(() => loadConsolidation(state, periodKey, form), [periodKey, form.code]);
  const [returning, setReturning] = useState<Submission | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  if (!data) return <Loading error={error} />;
  const lines = data.lines.filter((l) => !filter || fold(l.unit.name).includes(fold(filter)));
  const totalRow = form.rows[0];
  const mainCol = form.columns.find((c) => c.kind === 'number')?.code ?? form.columns[0]?.code;
  const approved = data.lines.filter((l) => l.submission && APPROVED.has(l.submission.state)).length;
  const late = data.lines.filter((l) => lateness(l).late).length;
  const missing = data.lines.filter((l) => !l.submission).length;
  const canAccept = has(state, 'leader') || has(state, 'admin');
  const accept = async (sub: Submission) => {
    setActionError(null);
    try {
      await api.post('/api/v1/submissions/{id}/accept', { params: { path: { id: sub.id } }, body: {} });
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  const build = async () => {
    setActionError(null);
    try {
      let id = data.own?.submission?.id;
      if (!id) id = (await api.post('/api/v1/submissions', { body: { assignmentId: data.own!.assignment.id } })).id;
      await api.post('/api/v1/submissions/{id}/consolidate', { params: { path: { id } } });
      go(`bao-cao/${id}`);
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <>
      <div class="kpis" id="consolidation-kpis">
        <div class="kpi">
          <b>{data.lines.length}</b>đơn vị được giao
        </div>
        <div class="kpi">
          <b>{approved}</b>đã tiếp nhận, được tổng hợp
        </div>
        <div class="kpi">
          <b>{late}</b>trễ hạn
        </div>
        <div class="kpi">
          <b>{missing}</b>chưa nộp
        </div>
      </div>
      <ErrorBox error={actionError} />
      <div class="table-wrap card">
        <table class="responsive" id="sub-units">
          <caption>Báo cáo của đơn vị cấp dưới · {periodLabel(periodKey)}</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Hạn nộp</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" class="num">
                {totalRow?.label} ({form.columns.find((c) => c.code === mainCol)?.label})
              </th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const st = lateness(l);
              return (
                <tr data-unit={l.unit.id} data-status={st.state}>
                  <td data-label="Đơn vị">{l.unit.name}</td>
                  <td data-label="Hạn nộp">{fmtDate(l.assignment?.deadline)}</td>
                  <td data-label="Trạng thái">
                    <StateBadge state={st.state} />
                    {st.late ? (
                      <>
                        {' '}
                        <span class="badge st-late">Trễ hạn</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Số liệu" class="num">
                    {l.values ? fmtNumber(l.values.get(`${totalRow?.indicatorCode}|${mainCol}`) ?? null) : '—'}
                  </td>
                  <td data-label="Thao tác">
                    {l.submission ? (
                      <a href={`#/bao-cao/${l.submission.id}`}>
                        Xem<span class="sr-only"> báo cáo {l.unit.name}</span>
                      </a>
                    ) : null}
                    {l.submission?.state === 'sent' && canAccept ? (
                      <>
                        {' '}
                        <button type="button" class="accept" data-accept={l.unit.id} onClick={() => void accept(l.submission!)}>
                          Tiếp nhận<span class="sr-only"> {l.unit.name}</span>
                        </button>
                      </>
                    ) : null}
                    {l.submission?.state === 'sent' ? (
                      <>
                        {' '}
                        <button type="button" class="danger" data-return={l.unit.id} onClick={() => setReturning(l.submission)}>
                          Trả lại<span class="sr-only"> {l.unit.name}</span>
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section class="card">
        <h2>Số liệu tổng hợp dự kiến (cộng các báo cáo đã tiếp nhận)</h2>
        <div class="table-wrap">
          <table id="consolidated-preview">
            <thead>
              <tr>
                <th scope="col">Chỉ tiêu</th>
                {form.columns
                  .filter((c) => c.kind === 'number')
                  .map((c) => (
                    <th scope="col" class="num">
                      {c.label}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {form.rows.map((r) => (
                <tr data-row={r.indicatorCode}>
                  <th scope="row">
                    {r.label} <small class="muted">({r.unit})</small>
                    {isAdditiveUnit(r.unit) ? null : (
                      <small class="muted index-row"> · chỉ số, tỷ lệ: không cộng, đơn vị tổng hợp tự nhập</small>
                    )}
                  </th>
                  {form.columns
                    .filter((c) => c.kind === 'number')
                    .map((c) => (
                      <td class="num">{fmtNumber(data.sum.get(`${r.indicatorCode}|${c.code}`) ?? null)}</td>
                    ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.own ? (
          <div class="actions">
            <button type="button" id="build-consolidated" onClick={() => void build()}>
              Lập báo cáo tổng hợp từ số liệu đã tiếp nhận
            </button>
          </div>
        ) : (
          <p class="muted">Đơn vị chưa được giao báo cáo tổng hợp của biểu này trong kỳ; bảng trên là số liệu để đối chiếu.</p>
        )}
      </section>
      {returning ? (
        <ReasonDialog
          title="Trả lại báo cáo của đơn vị cấp dưới"
          label="Lý do (bắt buộc)"
          confirm="Trả lại"
          onConfirm={async (reason) => {
            await api.post('/api/v1/submissions/{id}/return', { params: { path: { id: returning.id } }, body: { reason } });
            reload();
          }}
          onClose={() => setReturning(null)}
        />
      ) : null}
    </>
  );
}

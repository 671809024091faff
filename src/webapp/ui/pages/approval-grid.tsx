import { useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Loading, ReasonDialog, StateBadge, useLoad } from '../components.js';
import { daysLeft, fold, periodLabel } from '../format.js';
import { errorMessage } from '../messages.js';
import { submissionsOf } from '../reports-data.js';
import { childrenOf, type AppState } from '../store.js';
import type { Assignment, Form, OrgUnit, Submission } from '../types.js';
import { defaultForm } from './consolidation.js';

/** Periods shown side by side: the newest few of the form. */
const PERIODS = 3;

type Outcome = { ok: true; text: string } | { ok: false; text: string };

interface Cell {
  assignment: Assignment | null;
  submission: Submission | null;
}

/** Missing / late / the report's state: never colour alone (StateBadge has a symbol and words). */
function cellState(c: Cell): { state: string; late: boolean } {
  if (!c.assignment) return { state: 'none', late: false };
  const overdue = !!c.assignment.deadline && daysLeft(c.assignment.deadline) < 0;
  if (!c.submission) return { state: 'not_started', late: overdue };
  return { state: c.submission.state, late: overdue && ['draft', 'returned', 'refused'].includes(c.submission.state) };
}

async function loadGrid(formCode: string): Promise<{ periods: string[]; cells: Map<string, Cell> }> {
  const { assignments } = await api.get('/api/v1/assignments', { params: { query: { formCode } } });
  const periods = [...new Set(assignments.map((a) => a.periodKey))].sort().reverse().slice(0, PERIODS);
  const lists = await Promise.all(periods.map((periodKey) => submissionsOf({ periodKey, formCode })));
  const cells = new Map<string, Cell>();
  for (const a of assignments) if (periods.includes(a.periodKey)) cells.set(`${a.orgUnitId}|${a.periodKey}`, { assignment: a, submission: null });
  for (const s of lists.flat()) {
    const key = `${s.orgUnitId}|${s.periodKey}`;
    cells.set(key, { assignment: cells.get(key)?.assignment ?? null, submission: s });
  }
  return { periods, cells };
}

/**
 * Duyệt theo đơn vị: the receiving unit's leader sees a unit × period grid (missing, late,
 * submitted, sent, received) and receives (approves) or returns many sub-units' reports in one
 * action, with the result per row. Each report is still its own workflow step, audited as such.
 */
export function ApprovalGridPage({ state }: { state: AppState }) {
  const forms = [...state.forms.values()].filter((f) => f.type === 'data' && f.regimeCode);
  const own = useLoad(
    () => api.get('/api/v1/assignments', { params: { query: { orgUnitId: state.principal.orgUnitId } } }),
    [state.principal.orgUnitId],
  );
  if (!own.data) return <Loading error={own.error} />;
  return <ApprovalGrid state={state} forms={forms} initialForm={defaultForm(forms, own.data.assignments)} />;
}

function ApprovalGrid({ state, forms, initialForm }: { state: AppState; forms: Form[]; initialForm: string }) {
  const [formCode, setFormCode] = useState(initialForm);
  const { data, error, reload } = useLoad(() => loadGrid(formCode), [formCode]);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Map<string, Outcome>>(new Map());
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const units = useMemo(() => childrenOf(state, state.principal.orgUnitId).sort((a, b) => a.name.localeCompare(b.name, 'vi')), [state]);
  if (!data) return <Loading error={error} />;
  const shown = units.filter((u) => !filter || fold(u.name).includes(fold(filter)));
  const waiting = (u: OrgUnit, p: string) => data.cells.get(`${u.id}|${p}`)?.submission?.state === 'sent';
  const waitingIds = shown.flatMap((u) => data.periods.filter((p) => waiting(u, p)).map((p) => data.cells.get(`${u.id}|${p}`)!.submission!.id));
  const toggle = (id: string) => setPicked((old) => { const next = new Set(old); if (next.has(id)) next.delete(id); else next.add(id); return next; });

  const runAll = async (action: 'accept' | 'return', reason?: string) => {
    setBusy(true);
    const out = new Map<string, Outcome>();
    // One at a time: each is its own transaction and audit entry; a failure never stops the others.
    for (const id of picked) {
      try {
        await api.post(action === 'accept' ? '/api/v1/submissions/{id}/accept' : '/api/v1/submissions/{id}/return', { params: { path: { id } }, body: reason ? { reason } : {} });
        out.set(id, { ok: true, text: action === 'accept' ? 'Đã tiếp nhận' : 'Đã trả lại' });
      } catch (e) {
        out.set(id, { ok: false, text: e instanceof ApiError ? `${errorMessage(e.code, e.message)} (${e.code})` : 'Không thực hiện được' });
      }
      setResults(new Map(out));
    }
    setBusy(false);
    setPicked(new Set());
    reload();
  };

  const done = [...results.values()];
  return (
    <section>
      <h1>Duyệt theo đơn vị</h1>
      <div class="filters no-print">
        <label>Biểu mẫu<select id="grid-form" value={formCode} onChange={(e) => { setFormCode((e.target as HTMLSelectElement).value); setPicked(new Set()); setResults(new Map()); }}>
          {forms.map((f) => <option value={f.code}>{f.name}</option>)}</select></label>
        <label>Tìm đơn vị (không cần dấu)<input type="search" id="grid-search" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} /></label>
      </div>
      <div class="actions no-print">
        <button type="button" id="pick-all" class="secondary" disabled={busy || waitingIds.length === 0} onClick={() => setPicked(new Set(waitingIds))}>
          Chọn tất cả báo cáo chờ tiếp nhận ({waitingIds.length})
        </button>
        <button type="button" id="bulk-accept" disabled={busy || picked.size === 0} onClick={() => void runAll('accept')}>Tiếp nhận {picked.size} báo cáo đã chọn</button>
        <button type="button" id="bulk-return" class="danger" disabled={busy || picked.size === 0} onClick={() => setReturning(true)}>Trả lại {picked.size} báo cáo đã chọn</button>
      </div>
      {done.length ? (
        <p id="bulk-result" role="status" class={done.every((r) => r.ok) ? 'ok-box' : 'warn-box'}>
          {busy ? 'Đang xử lý… ' : 'Kết quả: '}{done.filter((r) => r.ok).length} thành công, {done.filter((r) => !r.ok).length} không thực hiện được.
        </p>
      ) : null}
      <div class="table-wrap card">
        <table class="responsive" id="approval-grid">
          <caption>Trạng thái báo cáo theo đơn vị và kỳ</caption>
          <thead><tr><th scope="col">Đơn vị</th>{data.periods.map((p) => <th scope="col">{periodLabel(p)}</th>)}<th scope="col">Kết quả</th></tr></thead>
          <tbody>
            {shown.map((u) => {
              const rowResults = data.periods.flatMap((p) => { const id = data.cells.get(`${u.id}|${p}`)?.submission?.id; const r = id ? results.get(id) : undefined; return r ? [r] : []; });
              return (
                <tr data-unit={u.id}>
                  <th scope="row">{u.name}</th>
                  {data.periods.map((p) => {
                    const c = data.cells.get(`${u.id}|${p}`) ?? { assignment: null, submission: null };
                    const st = cellState(c);
                    const id = c.submission?.id;
                    return (
                      <td data-label={periodLabel(p)} data-period={p} data-status={st.state}>
                        {st.state === 'none' ? <span class="muted">Không giao</span> : <StateBadge state={st.state} />}
                        {st.late ? <> <span class="badge st-late">Trễ hạn</span></> : null}
                        {id && waiting(u, p) ? (
                          <label class="pick"><input type="checkbox" value={id} checked={picked.has(id)} disabled={busy} onChange={() => toggle(id)} />
                            <span class="sr-only">Chọn báo cáo {u.name} {periodLabel(p)}</span></label>
                        ) : null}
                        {id ? <> <a href={`#/bao-cao/${id}`}>Xem<span class="sr-only"> báo cáo {u.name} {periodLabel(p)}</span></a></> : null}
                      </td>
                    );
                  })}
                  <td data-label="Kết quả" class="bulk-outcome">
                    {rowResults.map((r) => <span class={`badge ${r.ok ? 'st-accepted' : 'st-refused'}`} data-ok={String(r.ok)}>{r.text}</span>)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {returning ? (
        <ReasonDialog title={`Trả lại ${picked.size} báo cáo`} label="Lý do (bắt buộc, gửi cho từng đơn vị)" confirm="Trả lại"
          onConfirm={(reason) => runAll('return', reason)} onClose={() => setReturning(false)} />
      ) : null}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox, Loading, useLoad } from '../components.js';
import { fmtDate, fmtDateTime, periodLabel } from '../format.js';
import { unitName, type AppState } from '../store.js';
import type { ApiSchema } from '../../../shared/api-client.js';

type Pending = ApiSchema<'ExtensionWithAssignment'>;

/** One request: the unit, form, period, deadline, the day asked and why; grant (day editable) or refuse with a reason. */
function Decision({ state, e, onDone }: { state: AppState; e: Pending; onDone: () => void }) {
  const [until, setUntil] = useState(e.requestedUntil);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unit = unitName(state, e.assignment.orgUnitId);
  const run = async (kind: 'grant' | 'refuse') => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'grant') {
        await api.post('/api/v1/assignment-extensions/{id}/grant', {
          params: { path: { id: e.id } },
          body: { until, ...(note.trim() ? { note } : {}) },
        });
      } else {
        await api.post('/api/v1/assignment-extensions/{id}/refuse', { params: { path: { id: e.id } }, body: { note } });
      }
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card" data-extension={e.id} data-unit={e.assignment.orgUnitId}>
      <h2>
        {unit} · {state.forms.get(e.assignment.formCode)?.name ?? e.assignment.formCode} · {periodLabel(e.assignment.periodKey)}
      </h2>
      <p>
        Hạn nộp {fmtDate(e.assignment.extendedUntil ?? e.assignment.deadline)} · xin đến hết ngày <b>{fmtDate(e.requestedUntil)}</b> · gửi
        lúc {fmtDateTime(e.requestedAt)}
      </p>
      <p>
        Lý do: <span class="reason-text">{e.reason}</span>
      </p>
      <div class="extension-decision">
        <label for={`until-${e.id}`}>Đồng ý đến hết ngày</label>
        <input type="date" id={`until-${e.id}`} value={until} onInput={(ev) => setUntil((ev.target as HTMLInputElement).value)} />
        <label for={`note-${e.id}`}>Ý kiến (bắt buộc khi không đồng ý)</label>
        <textarea id={`note-${e.id}`} value={note} onInput={(ev) => setNote((ev.target as HTMLTextAreaElement).value)} />
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" data-action="grant" disabled={busy} onClick={() => void run('grant')}>
            Đồng ý gia hạn<span class="sr-only"> cho {unit}</span>
          </button>
          <button type="button" class="secondary" data-action="refuse" disabled={busy} onClick={() => void run('refuse')}>
            Không đồng ý<span class="sr-only"> cho {unit}</span>
          </button>
        </div>
      </div>
    </li>
  );
}

/** "Đề nghị gia hạn": the requests of units below the leader's (or the administrator's) waiting for a decision. */
export function ExtensionsPage({ state }: { state: AppState }) {
  const { data, error, reload } = useLoad(() => api.get('/api/v1/assignment-extensions', { params: { query: { status: 'pending' } } }), []);
  if (!data) return <Loading error={error} />;
  const list = data.extensions;
  return (
    <section>
      <h1>Đề nghị gia hạn</h1>
      <p class="muted" id="extensions-count">
        {list.length === 0 ? 'Không có đề nghị gia hạn nào đang chờ bạn.' : `${list.length} đề nghị gia hạn đang chờ bạn quyết định.`}
      </p>
      <ul class="plain" id="extension-requests">
        {list.map((e) => (
          <Decision state={state} e={e} onDone={reload} />
        ))}
      </ul>
    </section>
  );
}

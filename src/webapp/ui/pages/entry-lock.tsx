import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox, useLoad } from '../components.js';
import { fmtDate, fmtDateTime, vnToday } from '../format.js';
import { addDay, remainingText } from './entry-lock-text.js';
import type { SubmissionView } from '../types.js';

type Lock = NonNullable<SubmissionView['entryLock']>;

/**
 * The lock as this page sees it, on the server's clock: the offset between the server's time
 * (sent with the report) and the browser's is applied, so a wrong clock on the officer's
 * machine neither opens nor closes entry early. Re-evaluated every second; flips to locked at
 * the instant the server will refuse.
 */
export function useEntryLock(lock: SubmissionView['entryLock']): { locked: boolean; remainingMs: number | null } {
  const [skew] = useState(() => (lock ? Date.parse(lock.serverTime) - Date.now() : 0));
  const read = () => (lock ? Date.parse(lock.lockAt) - (Date.now() + skew) : null);
  const [remainingMs, setRemaining] = useState(read);
  useEffect(() => {
    if (!lock) return;
    const t = setInterval(() => setRemaining(read()), 1000);
    return () => clearInterval(t);
  }, [lock?.lockAt]);
  return { locked: remainingMs !== null && remainingMs <= 0, remainingMs };
}

/** "Khóa nhập liệu sau …" while open; "Đã khóa nhập liệu" with the moment once past. */
export function DeadlineCountdown({ lock, state }: { lock: Lock; state: { locked: boolean; remainingMs: number | null } }) {
  const at = fmtDateTime(lock.lockAt);
  if (state.locked) {
    return (
      <div class="error-box" id="entry-lock" role="status" data-locked="true">
        <b>Đã hết hạn nhập liệu</b> (khóa lúc {at}, hạn nộp {fmtDate(lock.until)}). Số liệu chỉ xem được; muốn nhập tiếp, đơn vị đề nghị gia
        hạn và chờ cấp trên đồng ý.
      </div>
    );
  }
  const urgent = (state.remainingMs ?? Infinity) < 86_400_000;
  return (
    <div class={urgent ? 'warn-box' : 'info-box'} id="entry-lock" role="timer" aria-live="off" data-locked="false">
      Khóa nhập liệu sau <b id="countdown">{remainingText(state.remainingMs ?? 0)}</b> (lúc {at}).
    </div>
  );
}

const STATUS_TEXT: Record<string, string> = { pending: 'Chờ cấp trên xem xét', granted: 'Đã đồng ý', refused: 'Không đồng ý' };

/**
 * Đề nghị gia hạn on the report: the requests made so far with their decision and reason, and
 * (for the unit's own staff, none pending) a form asking for a new last day with a reason.
 */
export function ExtensionPanel(props: { assignmentId: string; lock: Lock; locked: boolean; mayAsk: boolean }) {
  const { assignmentId, lock, locked, mayAsk } = props;
  const list = useLoad(() => api.get('/api/v1/assignments/{id}/extensions', { params: { path: { id: assignmentId } } }), [assignmentId]);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const requests = list.data?.extensions ?? [];
  const pending = requests.some((r) => r.status === 'pending');
  const earliest = [addDay(lock.until), vnToday()].sort().at(-1)!;
  const ask = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/assignments/{id}/extensions', { params: { path: { id: assignmentId } }, body: { until, reason } });
      setReason('');
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!mayAsk && requests.length === 0) return null;
  return (
    <details class="card" id="extensions" open={locked || requests.length > 0}>
      <summary>Gia hạn nộp báo cáo{requests.length ? ` (${requests.length} đề nghị)` : ''}</summary>
      {requests.length ? (
        <ul class="extension-list">
          {requests.map((r) => (
            <li data-extension={r.id} data-status={r.status}>
              Đề nghị đến <b>{fmtDate(r.requestedUntil)}</b> lúc {fmtDateTime(r.requestedAt)} — Lý do: {r.reason}.{' '}
              <span class={`badge ext-${r.status}`}>{STATUS_TEXT[r.status]}</span>
              {r.status === 'granted' ? (
                <>
                  {' '}
                  đến hết ngày <b>{fmtDate(r.grantedUntil)}</b>
                </>
              ) : null}
              {r.decisionNote ? (
                <>
                  {' '}
                  — Ý kiến: <span class="decision-note">{r.decisionNote}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayAsk && !pending ? (
        <form onSubmit={ask} id="extension-form">
          <label for="extension-until">Xin nhập đến hết ngày</label>
          <input
            type="date"
            id="extension-until"
            required
            min={earliest}
            value={until}
            onInput={(e) => setUntil((e.target as HTMLInputElement).value)}
          />
          <label for="extension-reason">Lý do đề nghị gia hạn</label>
          <textarea
            id="extension-reason"
            required
            aria-required="true"
            value={reason}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
          <ErrorBox error={error} />
          <button type="submit" disabled={busy}>
            Gửi đề nghị gia hạn
          </button>
        </form>
      ) : null}
    </details>
  );
}

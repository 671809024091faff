import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox } from '../components.js';
import { fmtDateTime, fmtNumber } from '../format.js';
import { actorLabel, STATE_LABEL } from '../messages.js';
import { cellKey } from '../grid/violations.js';
import type { CellTrail, Form } from '../types.js';

/** How many comments each cell has (its key: indicator|column), for the grid's marker. */
export function commentCounts(trail: CellTrail | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of trail?.comments ?? []) {
    const k = cellKey(c.indicatorCode, c.columnCode);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * The selected cell's trail: every change old → new (who, when, the report's state then; a
 * change after approval or outside the app says so) and its comment thread, with a box to add one.
 */
export function CellTrailPanel(props: {
  form: Form;
  submissionId: string;
  trail: CellTrail | null;
  selected: string | null;
  onAdded(): void;
}) {
  const { form, trail, selected } = props;
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!selected) {
    return (
      <section class="card no-print" id="cell-trail">
        <h2>Lịch sử và ý kiến của ô</h2>
        <p class="muted">Chọn một ô trong biểu để xem các lần sửa (giá trị cũ → mới) và ý kiến trao đổi.</p>
      </section>
    );
  }
  const [indicatorCode, columnCode] = selected.split('|');
  const row = form.rows.find((r) => r.indicatorCode === indicatorCode);
  const col = form.columns.find((c) => c.code === columnCode);
  const name = `${row?.label ?? indicatorCode} – ${col?.label ?? columnCode}`;
  const changes = (trail?.changes ?? []).filter((c) => c.indicatorCode === indicatorCode && c.columnCode === columnCode);
  const comments = (trail?.comments ?? []).filter((c) => c.indicatorCode === indicatorCode && c.columnCode === columnCode);
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/submissions/{id}/cells/comments', {
        params: { path: { id: props.submissionId } },
        body: { indicatorCode: indicatorCode!, columnCode: columnCode!, body },
      });
      setBody('');
      props.onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card no-print" id="cell-trail" data-cell={selected} aria-labelledby="cell-trail-title">
      <h2 id="cell-trail-title">Ô «{name}»</h2>
      <h3>Các lần sửa</h3>
      {changes.length === 0 ? (
        <p class="muted">Ô chưa có số liệu.</p>
      ) : (
        <div class="table-wrap">
          <table class="responsive" id="cell-changes">
            <caption class="sr-only">Các lần sửa ô «{name}»</caption>
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người sửa</th>
                <th scope="col">Giá trị cũ → mới</th>
                <th scope="col">Trạng thái báo cáo khi sửa</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr class={c.viaApp ? '' : 'outside'}>
                  <td data-label="Thời điểm">{fmtDateTime(c.changedAt)}</td>
                  <td data-label="Người sửa">
                    <span title={c.changedBy}>{actorLabel(c.changedBy, c.changedByName)}</span>
                  </td>
                  <td data-label="Giá trị cũ → mới">
                    {c.oldValue === null ? '(trống)' : fmtNumber(c.oldValue)} → {c.newValue === null ? '(trống)' : fmtNumber(c.newValue)}
                  </td>
                  <td data-label="Trạng thái báo cáo khi sửa">
                    {c.state ? (STATE_LABEL[c.state] ?? c.state) : '—'}
                    {c.state && !['draft', 'returned', 'refused'].includes(c.state) ? (
                      <b class="after-approval"> (sửa sau khi đã trình/duyệt)</b>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Ý kiến trao đổi</h3>
      {comments.length === 0 ? (
        <p class="muted">Chưa có ý kiến.</p>
      ) : (
        <ol class="comments" id="cell-comments">
          {comments.map((c) => (
            <li data-author={c.author}>
              <b title={c.author}>{c.authorName}</b> <small class="muted">· {fmtDateTime(c.createdAt)}</small>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <ErrorBox error={error} />
      <form onSubmit={send} class="comment-form">
        <label for="cell-comment-body">Thêm ý kiến cho ô «{name}»</label>
        <textarea
          id="cell-comment-body"
          rows={2}
          maxLength={2000}
          value={body}
          onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <button type="submit" disabled={busy || !body.trim()}>
          {busy ? 'Đang gửi…' : 'Gửi ý kiến'}
        </button>
      </form>
    </section>
  );
}

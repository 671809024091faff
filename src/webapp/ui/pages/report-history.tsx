import { fmtDateTime } from '../format.js';
import { ACTION_LABEL, actorLabel, ROLE_LABEL, STATE_LABEL } from '../messages.js';
import type { Transition } from '../types.js';

/** The report's whole history: who, when, from, to, why (Kon Tum 9: every step records who and when). */
export function History({ history }: { history: Transition[] }) {
  return (
    <section class="card">
      <h2 id="history-title">Lịch sử xử lý</h2>
      {history.length === 0 ? (
        <p class="muted">Chưa có bước xử lý nào.</p>
      ) : (
        <div class="table-wrap">
          <table class="history responsive" aria-labelledby="history-title" id="history">
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Thao tác</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Từ</th>
                <th scope="col">Sang</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {history.map((t) => (
                <tr data-action={t.action}>
                  <td data-label="Thời điểm">{fmtDateTime(t.at)}</td>
                  <td data-label="Thao tác">{ACTION_LABEL[t.action] ?? t.action}</td>
                  <td data-label="Người thực hiện">
                    <span title={t.actor}>{actorLabel(t.actor, t.actorName)}</span>{' '}
                    <small class="muted">({ROLE_LABEL[t.role] ?? (t.role === 'system' ? 'Hệ thống' : t.role)})</small>
                  </td>
                  <td data-label="Từ">{STATE_LABEL[t.from] ?? t.from}</td>
                  <td data-label="Sang">{STATE_LABEL[t.to] ?? t.to}</td>
                  <td data-label="Lý do">{t.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

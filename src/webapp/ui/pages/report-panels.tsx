import { fmtNumber } from '../format.js';
import { describe } from '../grid/violations.js';
import type { Conflict, SaveState } from '../grid/entry-state.js';
import type { Form, Violation } from '../types.js';

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'Đã lưu nháp',
  dirty: 'Có thay đổi chưa lưu',
  saving: 'Đang lưu…',
  offline: 'Mất kết nối: thay đổi được giữ trên máy, sẽ gửi khi có mạng',
  error: 'Chưa lưu được: sẽ thử lại',
};

export function SaveIndicator({ state, pending }: { state: SaveState; pending: number }) {
  return (
    <p class="save-state" id="save-state" data-save={state} role="status" aria-live="polite">
      {SAVE_TEXT[state]}
      {pending > 0 && state !== 'saving' ? ` (${pending} ô chờ gửi)` : ''}
    </p>
  );
}

export function focusCell(row?: string, column?: string) {
  const el = document.querySelector<HTMLInputElement>(`td[data-cell="${row}|${column}"] input`);
  el?.focus();
}

/** Every broken rule, each a button that focuses its cell. */
export function ViolationList({ form, violations }: { form: Form; violations: Violation[] }) {
  if (violations.length === 0)
    return (
      <p class="ok-box" id="checks-ok" role="status">
        Số liệu thỏa mọi ràng buộc của biểu mẫu.
      </p>
    );
  return (
    <div class="error-box violations" id="violations" role="status" aria-live="polite">
      <b>{violations.length} lỗi cần sửa trước khi trình:</b>
      <ul>
        {violations.map((v) => (
          <li data-code={v.code}>
            <button type="button" onClick={() => focusCell(v.row, v.column)}>
              {describe(form, v)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A value changed on the server while this browser was offline: both shown, the user picks. */
function cellLabel(form: Form, key: string): string {
  const [r, c] = key.split('|');
  return `${form.rows.find((x) => x.indicatorCode === r)?.label ?? r} – ${form.columns.find((x) => x.code === c)?.label ?? c}`;
}

/** What this browser holds and the server does not have yet (cut network): each cell and its value. */
export function PendingList({ form, pending, sync }: { form: Form; pending: Record<string, { value: number | null }>; sync: () => void }) {
  const keys = Object.keys(pending);
  if (keys.length === 0) return null;
  return (
    <div class="warn-box" id="pending-cells">
      <b>{keys.length} ô chưa gửi lên máy chủ (được giữ trên máy này):</b>
      <ul>
        {keys.map((k) => (
          <li data-cell={k}>
            {cellLabel(form, k)}: <b>{fmtNumber(pending[k].value) || '(trống)'}</b>
          </li>
        ))}
      </ul>
      <button type="button" class="secondary" id="sync-now" onClick={sync}>
        Gửi ngay
      </button>
    </div>
  );
}

export function ConflictList({
  form,
  conflicts,
  resolve,
}: {
  form: Form;
  conflicts: Conflict[];
  resolve: (key: string, mine: boolean) => void;
}) {
  if (conflicts.length === 0) return null;
  const label = (key: string) => cellLabel(form, key);
  return (
    <div class="warn-box" id="conflicts" role="alert">
      <b>Số liệu đã được người khác sửa trong lúc bạn mất kết nối:</b>
      <ul>
        {conflicts.map((c) => (
          <li data-cell={c.key}>
            {label(c.key)}: trên máy chủ <b>{fmtNumber(c.server) || '(trống)'}</b>, của bạn <b>{fmtNumber(c.mine) || '(trống)'}</b>{' '}
            <button type="button" class="secondary" onClick={() => resolve(c.key, true)}>
              Giữ số của tôi
            </button>{' '}
            <button type="button" class="secondary" onClick={() => resolve(c.key, false)}>
              Dùng số trên máy chủ
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

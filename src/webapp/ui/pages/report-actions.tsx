import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ReasonDialog } from '../components.js';
import { ACTION_LABEL } from '../messages.js';
import type { AppState } from '../store.js';
import type { ReportData } from './report-data.js';

/** What submitting needs of an editor (the grid's or the list's): save now, what is unsaved, what is broken. */
interface Entry {
  save(): Promise<boolean>;
  pending: Record<string, unknown>;
  violations: readonly unknown[];
}

/** Workflow action → its route in the contract (`POST /api/v1/submissions/{id}/<segment>`). */
const ACTION_PATH = {
  submit: '/api/v1/submissions/{id}/submit',
  approve: '/api/v1/submissions/{id}/approve',
  return: '/api/v1/submissions/{id}/return',
  dispatch: '/api/v1/submissions/{id}/dispatch',
  accept: '/api/v1/submissions/{id}/accept',
  recall: '/api/v1/submissions/{id}/recall',
  request_correction: '/api/v1/submissions/{id}/request-correction',
} as const;
const offered = (a: string): a is keyof typeof ACTION_PATH => a in ACTION_PATH;
// A recall tells the national system why (report-status THU_HOI carries the reason).
const NEEDS_REASON = new Set(['return', 'request_correction', 'recall']);
const REASON_TITLE: Record<string, string> = {
  return: 'Trả lại báo cáo',
  request_correction: 'Đính chính báo cáo đã được tiếp nhận',
  recall: 'Thu hồi báo cáo đã gửi',
};
const REASON_HELP: Record<string, string> = {
  request_correction: 'Báo cáo trở về trạng thái đang nhập; số liệu sửa xong phải được trình, phê duyệt, ký số và gửi lại.',
  recall:
    'Báo cáo trở về trạng thái đang nhập và cần phê duyệt, ký số lại; nơi nhận (và Hệ thống báo cáo Chính phủ nếu báo cáo đã đến) được báo lý do thu hồi.',
};
const CONFIRM: Record<string, string> = {
  approve: 'Phê duyệt và ký số báo cáo này bằng chữ ký số của bạn?',
  dispatch: 'Kiểm tra chữ ký số và gửi báo cáo đến nơi nhận?',
  submit: 'Trình báo cáo lên lãnh đạo phê duyệt?',
  accept: 'Tiếp nhận báo cáo của đơn vị cấp dưới?',
};

/** The approve button says what the leader is about to do; warnings are read before signing. */
function label(action: string, warnings: number): string {
  if (action === 'approve' && warnings > 0) return `${ACTION_LABEL.approve} (đã xem ${warnings} cảnh báo)`;
  return ACTION_LABEL[action] ?? action;
}

/** The workflow buttons the server says this person may use now (the server decides, the UI follows). */
export function ReportActions(props: {
  state: AppState;
  data: ReportData;
  entry: Entry;
  warnings: number;
  onError(e: unknown): void;
  onDone(): void;
}) {
  const { data, entry } = props;
  const s = data.view.submission;
  const [dialog, setDialog] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: string, reason?: string) => {
    props.onError(null);
    if (action === 'submit') {
      if (!(await entry.save()) && Object.keys(entry.pending).length) throw new Error('save');
      if (entry.violations.length) {
        document.getElementById('violations')?.querySelector('button')?.focus();
        return;
      }
    }
    const params = { path: { id: s.id } };
    if (action === 'request_correction') await api.post(ACTION_PATH.request_correction, { params, body: { reason: reason ?? '' } });
    else if (offered(action)) await api.post(ACTION_PATH[action], { params, body: reason ? { reason } : {} });
    props.onDone();
  };

  const click = async (action: string) => {
    if (NEEDS_REASON.has(action)) {
      setDialog(action);
      return;
    }
    if (CONFIRM[action] && !window.confirm(CONFIRM[action])) return;
    setBusy(true);
    try {
      await run(action);
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };

  const actions = data.view.actions.filter(offered);
  return (
    <div class="actions no-print" id="actions">
      {actions.map((a) => (
        <button
          type="button"
          data-action={a}
          disabled={busy}
          class={a === 'return' ? 'danger' : a === 'recall' || a === 'request_correction' ? 'secondary' : undefined}
          onClick={() => void click(a)}
        >
          {label(a, props.warnings)}
        </button>
      ))}
      <button type="button" class="secondary" onClick={() => window.print()}>
        In (A4)
      </button>
      {dialog ? (
        <ReasonDialog
          title={REASON_TITLE[dialog] ?? ACTION_LABEL[dialog]}
          label="Lý do (bắt buộc)"
          help={REASON_HELP[dialog]}
          confirm={ACTION_LABEL[dialog] ?? 'Đồng ý'}
          onConfirm={(reason) => run(dialog, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ReasonDialog } from '../components.js';
import type { useEntry } from '../grid/entry-state.js';
import { ACTION_LABEL } from '../messages.js';
import type { AppState } from '../store.js';
import type { ReportData } from './report-data.js';

type Entry = ReturnType<typeof useEntry>;

const SEGMENT: Record<string, string> = {
  submit: 'submit', approve: 'approve', return: 'return', dispatch: 'dispatch', accept: 'accept', recall: 'recall',
  request_correction: 'request-correction', approve_correction: 'approve-correction', refuse_correction: 'refuse-correction',
};
const NEEDS_REASON = new Set(['return', 'refuse_correction', 'request_correction']);
const REASON_TITLE: Record<string, string> = {
  return: 'Trả lại báo cáo', refuse_correction: 'Từ chối đính chính', request_correction: 'Đề nghị đính chính',
};
const CONFIRM: Record<string, string> = {
  approve: 'Phê duyệt và ký số báo cáo này bằng chữ ký số của bạn?',
  dispatch: 'Kiểm tra chữ ký số và gửi báo cáo đến nơi nhận?',
  recall: 'Thu hồi báo cáo đã gửi? Báo cáo trở về trạng thái đang nhập và cần phê duyệt lại.',
  submit: 'Trình báo cáo lên lãnh đạo phê duyệt?',
  accept: 'Tiếp nhận báo cáo của đơn vị cấp dưới?',
  approve_correction: 'Duyệt đính chính: số liệu mới thay thế số liệu đã tiếp nhận?',
};

/** The workflow buttons the server says this person may use now (the server decides, the UI follows). */
export function ReportActions(props: {
  state: AppState; data: ReportData; entry: Entry; correcting: boolean; setCorrecting(v: boolean): void;
  onError(e: unknown): void; onDone(): void;
}) {
  const { data, entry, correcting } = props;
  const s = data.view.submission;
  const [dialog, setDialog] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const run = async (action: string, reason?: string) => {
    props.onError(null);
    if (action === 'submit') {
      if (!(await entry.save()) && Object.keys(entry.pending).length) throw new Error('save');
      if (entry.violations.length) {
        document.getElementById('violations')?.querySelector('button')?.focus();
        return;
      }
    }
    const body: Record<string, unknown> = reason ? { reason } : {};
    if (action === 'request_correction') {
      body.values = [...entry.cells].map(([k, value]) => { const [indicatorCode, columnCode] = k.split('|'); return { indicatorCode, columnCode, value }; });
    }
    await api.post(`/api/v1/submissions/${s.id}/${SEGMENT[action]}`, body);
    if (action === 'request_correction') props.setCorrecting(false);
    setDone(action);
    props.onDone();
  };

  const click = async (action: string) => {
    if (action === 'request_correction' && !correcting) { props.setCorrecting(true); return; }
    if (NEEDS_REASON.has(action)) { setDialog(action); return; }
    if (CONFIRM[action] && !window.confirm(CONFIRM[action])) return;
    setBusy(true);
    try { await run(action); } catch (e) { props.onError(e); } finally { setBusy(false); }
  };

  const actions = data.view.actions.filter((a) => SEGMENT[a]);
  if (actions.length === 0 && !done) return null;
  return (
    <div class="actions no-print" id="actions">
      {actions.map((a) => (
        <button type="button" data-action={a} disabled={busy}
          class={a === 'return' || a === 'refuse_correction' ? 'danger' : a === 'recall' ? 'secondary' : undefined}
          onClick={() => void click(a)}>
          {a === 'request_correction' && correcting ? 'Gửi đề nghị đính chính' : ACTION_LABEL[a] ?? a}
        </button>
      ))}
      {correcting ? <button type="button" class="secondary" onClick={() => props.setCorrecting(false)}>Hủy đính chính</button> : null}
      <button type="button" class="secondary" onClick={() => window.print()}>In (A4)</button>
      {dialog ? (
        <ReasonDialog title={REASON_TITLE[dialog] ?? ACTION_LABEL[dialog]} label="Lý do (bắt buộc)" confirm={ACTION_LABEL[dialog] ?? 'Đồng ý'}
          onConfirm={(reason) => run(dialog, reason)} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

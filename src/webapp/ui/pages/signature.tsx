import { fmtDateTime, fmtNumber } from '../format.js';
import { ApprovalDetails, type ApprovalCheck } from './approval-details.js';
import { actorLabel } from '../messages.js';
import type { Form, SubmissionView, Transition } from '../types.js';

type SignedContent = NonNullable<SubmissionView['signedContent']>;

const shown = (v: unknown) => (typeof v === 'number' ? fmtNumber(v) : v === null || v === undefined ? '(trống)' : String(v));

/** One difference between what was signed and what the report holds, named the way staff read it. */
function changeText(form: Form, c: SignedContent['changes'][number]): string {
  if (c.part === 'record') return `Dòng ${c.rowNo} của danh sách ${c.signed === null ? 'được thêm' : c.now === null ? 'bị xóa' : 'bị sửa'}`;
  if (c.part === 'narrative') return 'Nội dung thuyết minh hoặc tệp đính kèm bị sửa';
  const row = form.rows.find((r) => r.indicatorCode === c.indicatorCode)?.label ?? c.indicatorCode;
  const col = form.columns.find((x) => x.code === c.columnCode)?.label ?? c.columnCode;
  return `«${row}» – ${col}: lúc ký ${shown(c.signed)}, nay ${shown(c.now)}`;
}

/**
 * At the top of the report: the data changed after the leader signed, so the signature no longer
 * holds; the clerk's check sends the report back to be submitted and signed again.
 */
export function SignatureVoidBanner({ form, view }: { form: Form; view: SubmissionView }) {
  const c = view.signedContent;
  if (!c || c.unchanged) return null;
  return (
    <div class="error-box" id="signature-void" role="alert">
      <b>✗ Chữ ký số không còn hiệu lực:</b> số liệu đã thay đổi sau khi lãnh đạo ký lúc {fmtDateTime(c.approvedAt)} (phiên bản {c.version}
      ). Báo cáo không được gửi đi; văn thư trả lại để trình và ký lại.
      <ul>
        {c.changes.map((x) => (
          <li data-cell={x.indicatorCode ? `${x.indicatorCode}|${x.columnCode}` : undefined}>{changeText(form, x)}</li>
        ))}
      </ul>
    </div>
  );
}

/** Who signed, when, with which certificate, whether the data is still what was signed: what the clerk checks before sending. */
export function SignaturePanel({
  view,
  history,
  approvalCheck,
}: {
  view: SubmissionView;
  history: Transition[];
  approvalCheck: ApprovalCheck;
}) {
  const s = view.submission;
  const approval = [...history].reverse().find((t) => t.action === 'approve');
  if (!s.signer && !approval) return null;
  // A step back (returned, recalled, corrected) drops the signature: the old one is shown as void, never as current.
  if (!s.signer && approval) {
    const after = history.slice(history.lastIndexOf(approval) + 1).find((t) => t.reason);
    return (
      <section class="card" id="signature" data-signature="void">
        <h2>Chữ ký số phê duyệt</h2>
        <p id="signature-status">
          <span class="badge st-returned">Chữ ký trước không còn hiệu lực</span> {actorLabel(approval.actor, approval.actorName)} đã ký lúc{' '}
          {fmtDateTime(approval.at)} (phiên bản {approval.version}); báo cáo đã bị trả lại hoặc sửa sau đó
          {after?.reason ? (
            <>
              {' '}
              — lý do: <span class="reason-text">{after.reason}</span>
            </>
          ) : null}
          . Cần trình và ký lại.
        </p>
      </section>
    );
  }
  const changed = view.signedContent ? !view.signedContent.unchanged : false;
  const valid = !changed && history.some((t) => t.action === 'dispatch' && t.at >= (approval?.at ?? ''));
  const dev = s.signer === 'UnsignedDevSigner';
  return (
    <section class="card" id="signature" data-signature={changed ? 'changed' : 'signed'}>
      <h2>Chữ ký số phê duyệt</h2>
      <dl class="meta">
        <div>
          <dt>Người ký</dt>
          <dd id="signer-name">{approval ? actorLabel(approval.actor, approval.actorName) : (s.approvedBy ?? '—')}</dd>
        </div>
        <div>
          <dt>Chứng thư số</dt>
          <dd id="signer-cert">{s.signer ?? '—'}</dd>
        </div>
        <div>
          <dt>Thời điểm ký</dt>
          <dd>{fmtDateTime(s.approvedAt ?? approval?.at)}</dd>
        </div>
        <div>
          <dt>Tình trạng</dt>
          <dd id="signature-status">
            {changed ? (
              <span class="badge st-returned">Không còn hiệu lực: số liệu đã thay đổi sau khi ký</span>
            ) : dev ? (
              <span class="badge st-returned">Chữ ký thử nghiệm, không hợp lệ</span>
            ) : valid ? (
              <span class="badge st-approved">Hợp lệ (văn thư đã kiểm tra)</span>
            ) : s.signer ? (
              <span class="badge st-submitted">Chưa kiểm tra: văn thư kiểm tra khi gửi</span>
            ) : (
              <span class="badge st-returned">Chưa ký</span>
            )}
          </dd>
        </div>
        {view.signedContent ? (
          <div>
            <dt>Số liệu so với lúc ký</dt>
            <dd id="signed-content">{changed ? `✗ Đã thay đổi ${view.signedContent.changes.length} chỗ` : '✓ Giữ nguyên như lúc ký'}</dd>
          </div>
        ) : null}
      </dl>
      {s.signer && !dev ? <ApprovalDetails check={approvalCheck} /> : null}
    </section>
  );
}

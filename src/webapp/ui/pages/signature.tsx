import { fmtDateTime } from '../format.js';
import { ApprovalDetails } from './approval-details.js';
import type { SubmissionView, Transition } from '../types.js';

/** Who signed, when, with which certificate: what the clerk checks before sending. */
export function SignaturePanel({ view, history }: { view: SubmissionView; history: Transition[] }) {
  const s = view.submission;
  const approval = [...history].reverse().find((t) => t.action === 'approve');
  if (!s.signer && !approval) return null;
  const valid = history.some((t) => t.action === 'dispatch' && t.at >= (approval?.at ?? ''));
  const dev = s.signer === 'UnsignedDevSigner';
  return (
    <section class="card" id="signature">
      <h2>Chữ ký số phê duyệt</h2>
      <dl class="meta">
        <div>
          <dt>Người ký</dt>
          <dd id="signer-name">{approval?.actor ?? s.approvedBy ?? '—'}</dd>
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
            {dev ? (
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
      </dl>
      {s.signer && !dev ? <ApprovalDetails submissionId={s.id} /> : null}
    </section>
  );
}

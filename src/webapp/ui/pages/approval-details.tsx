import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { fmtDateTime } from '../format.js';
import type { ApiSchema } from '../../../shared/api-client.js';
import type { SubmissionView } from '../types.js';

type Details = ApiSchema<'ApprovalDetails'>;

/** The approval signature as verified, or why it could not be checked (null: not signed, or still loading). */
export interface ApprovalCheck {
  details: Details | null;
  error: string | null;
}

/**
 * Reads the approval signature's verification once per signature for the whole report page: the
 * clerk's panel and the print's signature block both show it. A report signed by the placeholder
 * signer (no certificate) has none to read.
 */
export function useApprovalCheck(view: SubmissionView): ApprovalCheck {
  const s = view.submission;
  const signed = Boolean(s.signer) && s.signer !== 'UnsignedDevSigner';
  const [check, setCheck] = useState<ApprovalCheck>({ details: null, error: null });
  useEffect(() => {
    setCheck({ details: null, error: null });
    if (!signed) return;
    let live = true;
    api.get('/api/v1/exchange/submissions/{id}/approval-signature', { params: { path: { id: s.id } } }).then(
      (details) => live && setCheck({ details, error: null }),
      (e: ApiError) => live && setCheck({ details: null, error: e.code === 'APPROVAL_SIGNATURE_NOT_FOUND' ? null : e.message }),
    );
    return () => {
      live = false;
    };
    // A new signature (signed again after a return) is read again; the same one never twice.
  }, [s.id, signed, s.approvedAt]);
  return check;
}

/**
 * The leader's JAdES approval as the exchange area verified it (signer, title, unit, certificate,
 * signing time, RFC 3161 time stamp, each check): what the clerk reads before sending (#10).
 */
export function ApprovalDetails({ check }: { check: ApprovalCheck }) {
  const { details, error } = check;
  if (error)
    return (
      <p class="error" role="alert">
        Không kiểm tra được chữ ký phê duyệt: {error}
      </p>
    );
  if (!details) return null;
  const failed = details.checks.filter((c) => !c.ok);
  return (
    <dl class="meta" id="approval-details">
      <div>
        <dt>Chữ ký JAdES</dt>
        <dd id="approval-valid">
          {details.ok ? '✓ Hợp lệ' : '✗ Không hợp lệ'} ({details.level ?? details.format})
        </dd>
      </div>
      <div>
        <dt>Người ký</dt>
        <dd id="approval-signer">{[details.signer.name, details.signer.title, details.signer.unit].filter(Boolean).join(' · ')}</dd>
      </div>
      <div>
        <dt>Chứng thư</dt>
        <dd>
          số {details.certificate.serialNumber}, do {details.certificate.issuer} cấp, hiệu lực đến{' '}
          {fmtDateTime(details.certificate.notAfter)}
        </dd>
      </div>
      <div>
        <dt>Thời điểm ký</dt>
        <dd>{fmtDateTime(details.signingTime)}</dd>
      </div>
      {details.timestamp?.genTime ? (
        <div>
          <dt>Dấu thời gian</dt>
          <dd>
            {fmtDateTime(details.timestamp.genTime)}
            {details.timestamp.tsa ? ` (${details.timestamp.tsa})` : ''}
          </dd>
        </div>
      ) : null}
      {failed.length > 0 ? (
        <div>
          <dt>Kiểm tra không đạt</dt>
          <dd>{failed.map((c) => c.message).join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { fmtDateTime } from '../format.js';
import type { ApiSchema } from '../../../shared/api-client.js';

type Details = ApiSchema<'ApprovalDetails'>;

/**
 * The leader's JAdES approval as the exchange area verified it (signer, title, unit, certificate,
 * signing time, RFC 3161 time stamp, each check): what the clerk reads before sending (#10).
 */
export function ApprovalDetails({ submissionId }: { submissionId: string }) {
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get('/api/v1/exchange/submissions/{id}/approval-signature', { params: { path: { id: submissionId } } })
      .then(setDetails, (e: ApiError) => setError(e.code === 'APPROVAL_SIGNATURE_NOT_FOUND' ? null : e.message));
  }, [submissionId]);
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

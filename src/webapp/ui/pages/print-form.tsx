import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { fmtDate, fmtDateTime, fmtNumber, periodLabel, vnToday } from '../format.js';
import { cellKey } from '../grid/violations.js';
import { actorLabel } from '../messages.js';
import { unitName, type AppState } from '../store.js';
import type { ApiSchema } from '../../../shared/api-client.js';
import type { Form, SubmissionView, Transition } from '../types.js';
import type { ApprovalCheck } from './approval-details.js';

type Signer = ApiSchema<'ApprovalDetails'>['signer'];

/** "Tam Đường, ngày 03 tháng 12 năm 2026": the place and date line above the head's signature. */
function placeAndDate(state: AppState, orgUnitId: string, at: string): string {
  let unit = state.units.get(orgUnitId);
  // A department signs where its province is: the nearest unit named after a place.
  while (unit && unit.kind === 'department' && unit.parentId) unit = state.units.get(unit.parentId);
  const place = (unit?.name ?? '').replace(/^(Ủy ban nhân dân |UBND )?(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn) /iu, '');
  const [y, m, d] = vnToday(new Date(at)).split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

/** "Biểu số 01: Một số chỉ tiêu…" → the form number and its title, as printed on the official form. */
function splitTitle(name: string): { number: string | null; title: string } {
  const m = /^(Biểu số [^:]+):\s*(.+)$/u.exec(name);
  return m ? { number: m[1], title: m[2] } : { number: null, title: name };
}

/**
 * The official form, rendered only while the page prints (Ctrl+P, "In (A4)", print media): a
 * 2,000-cell report keeps no hidden copy of its table in the page while the user types. Preact's
 * `render` is synchronous, so the form is in place before the browser lays out the print.
 */
export function PrintOnDemand(props: PrintProps & { approvalCheck: ApprovalCheck }) {
  const signer = props.approvalCheck.details?.signer ?? null;
  const latest = useRef({ ...props, signer });
  latest.current = { ...props, signer };
  const root = useRef<HTMLDivElement>(null);
  const show = () => root.current && render(<PrintForm {...latest.current} />, root.current);
  const hide = () => root.current && render(null, root.current);
  useEffect(() => {
    const media = matchMedia('print');
    const follow = () => (media.matches ? show() : hide());
    addEventListener('beforeprint', show);
    addEventListener('afterprint', hide);
    media.addEventListener('change', follow);
    return () => {
      removeEventListener('beforeprint', show);
      removeEventListener('afterprint', hide);
      media.removeEventListener('change', follow);
      hide();
    };
  }, []);
  // While printing (or print media), what changes (the signer's details arriving) is printed too.
  useEffect(() => {
    if (matchMedia('print').matches) show();
  });
  return <div class="print-only print-form" ref={root} />;
}

/**
 * The report as the official form prints on A4 (shown only when printing): the issuing unit and
 * the national motto, the form number and title, the period and receiver, every row of the table
 * (the screen grid virtualises large forms, the print never does), and the signature block:
 * the preparer on the left, the head of the unit on the right with the digital signature's
 * signer, certificate and time when the report was signed.
 */
interface PrintProps {
  state: AppState;
  form: Form;
  view: SubmissionView;
  history: Transition[];
  cells: Map<string, number | null>;
}

function PrintForm({ state, form, view, history, cells, signer }: PrintProps & { signer: Signer | null }) {
  const s = view.submission;
  // The unit above, when this account's tree holds it (a commune account may see only its own unit).
  const parentId = state.units.get(s.orgUnitId)?.parentId;
  const parent = parentId ? state.units.get(parentId) : undefined;
  const { number, title } = splitTitle(form.name);
  const submitted = [...history].reverse().find((t) => t.action === 'submit');
  const preparer = submitted ? actorLabel(submitted.actor, submitted.actorName) : undefined;
  const signedAt = s.approvedAt ?? null;
  const rows = [...form.rows].sort((a, b) => a.order - b.order);
  return (
    <section id="print-form">
      <div class="print-head">
        <div>
          {parent ? <div>{parent.name.toUpperCase()}</div> : null}
          <b>{unitName(state, s.orgUnitId).toUpperCase()}</b>
        </div>
        <div>
          <b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>
          <div>
            <u>Độc lập - Tự do - Hạnh phúc</u>
          </div>
        </div>
      </div>
      {number ? <p class="print-number">{number}</p> : null}
      <h2 class="print-title">{title.toUpperCase()}</h2>
      <p class="print-sub">
        Kỳ báo cáo: {periodLabel(s.periodKey)}
        {s.kind === 'correction' ? ` · Báo cáo đính chính, phiên bản ${s.version}` : ''}
      </p>
      <p class="print-sub">
        Đơn vị báo cáo: {unitName(state, s.orgUnitId)} · Đơn vị nhận báo cáo:{' '}
        {view.national ? 'Hệ thống báo cáo Chính phủ' : (view.receiver?.name ?? '—')} · Hạn nộp: {fmtDate(view.deadline)}
      </p>
      {s.type === 'data' ? (
        <table class="print-table">
          <thead>
            <tr>
              <th>STT</th>
              <th>Mã số</th>
              <th>Chỉ tiêu</th>
              <th>Đơn vị tính</th>
              {form.columns.map((c) => (
                <th>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr data-row={r.indicatorCode}>
                <td>{i + 1}</td>
                <td>{r.indicatorCode}</td>
                <td class="label">{r.label}</td>
                <td>{r.unit ?? ''}</td>
                {form.columns.map((c) => (
                  <td class="num">{fmtNumber(cells.get(cellKey(r.indicatorCode, c.code)))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="sig-block" id="print-signatures">
        <div>
          <p>&nbsp;</p>
          <b>NGƯỜI LẬP BIỂU</b>
          <p>
            <i>(Ký, ghi rõ họ tên)</i>
          </p>
          <p class="sig-name">{preparer ?? ''}</p>
        </div>
        <div>
          <p>
            <i>{placeAndDate(state, s.orgUnitId, signedAt ?? new Date().toISOString())}</i>
          </p>
          <b>THỦ TRƯỞNG ĐƠN VỊ</b>
          <p>
            <i>(Ký, đóng dấu, ghi rõ họ tên)</i>
          </p>
          {s.signer && s.signer !== 'UnsignedDevSigner' ? (
            <div class="sig-stamp" id="print-signed">
              <b>Đã ký số</b>
              <div>{signer ? [signer.name, signer.title].filter(Boolean).join(' · ') : (s.approvedBy ?? '')}</div>
              <div>Chứng thư số: {s.signer}</div>
              <div>Thời điểm ký: {fmtDateTime(signedAt)}</div>
            </div>
          ) : (
            <p class="sig-name" id="print-unsigned">
              (Chưa ký số)
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

import { Loading, StateBadge, useLoad } from '../components.js';
import { daysLeftText, fmtDate, periodLabel } from '../format.js';
import { unitReportLines } from '../reports-data.js';
import { has, unitName, type AppState } from '../store.js';
import { EDITABLE } from '../types.js';

const DONE = new Set(['submitted', 'approved', 'sent', 'accepted']);

/** "Báo cáo của đơn vị": every assignment of the unit per period, deadline, days left, status, reason. */
export function UnitReportsPage({ state }: { state: AppState }) {
  const unit = state.principal.orgUnitId;
  const { data, error } = useLoad(() => unitReportLines(unit), [unit]);
  if (!data) return <Loading error={error} />;
  const formName = (code: string) => state.forms.get(code)?.name ?? code;
  const canEnter = has(state, 'data_entry') || has(state, 'admin');
  return (
    <section>
      <h1>Báo cáo của đơn vị</h1>
      <p class="muted">{unitName(state, unit)} · {data.length} nhiệm vụ báo cáo</p>
      {data.length === 0 ? <p>Đơn vị chưa được giao báo cáo nào.</p> : (
        <div class="table-wrap">
          <table class="responsive" id="unit-reports">
            <caption class="muted">Nhiệm vụ báo cáo theo kỳ, hạn nộp và trạng thái</caption>
            <thead><tr><th scope="col">Kỳ</th><th scope="col">Biểu mẫu</th><th scope="col">Hạn nộp</th><th scope="col">Thời hạn</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead>
            <tbody>
              {data.map((l) => {
                const done = DONE.has(l.status);
                const open = l.submission ? `#/bao-cao/${l.submission.id}` : `#/giao/${l.assignment.id}`;
                return (
                  <tr data-assignment={l.assignment.id} data-form={l.assignment.formCode} data-period={l.assignment.periodKey} data-status={l.status}>
                    <td data-label="Kỳ">{periodLabel(l.assignment.periodKey)}</td>
                    <td data-label="Biểu mẫu">{formName(l.assignment.formCode)} <small class="code">{l.assignment.formCode}</small></td>
                    <td data-label="Hạn nộp">{fmtDate(l.assignment.deadline)}</td>
                    <td data-label="Thời hạn">{daysLeftText(l.assignment.deadline, done)}</td>
                    <td data-label="Trạng thái"><StateBadge state={l.status} />
                      {l.reason ? <div class="reason">Lý do: <span class="reason-text">{l.reason}</span></div> : null}</td>
                    <td data-label="Thao tác">
                      {l.submission || canEnter
                        ? <a href={open} class="open-report">{l.submission && !EDITABLE.includes(l.submission.state) ? 'Xem' : 'Nhập liệu'}<span class="sr-only"> {l.assignment.formCode} {periodLabel(l.assignment.periodKey)}</span></a>
                        : <span class="muted">Chưa có</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { Loading, StateBadge, useLoad } from '../components.js';
import { fmtDateTime, periodLabel } from '../format.js';
import { submissionsOf } from '../reports-data.js';
import { unitName, type AppState } from '../store.js';
import type { Submission } from '../types.js';

type Kind = 'leader' | 'clerk';

/** Is `id` below `ancestor` in the org tree (the reports routed up to the leader's unit)? */
function isBelow(state: AppState, id: string, ancestor: string): boolean {
  for (let u = state.units.get(id)?.parentId; u; u = state.units.get(u)?.parentId) if (u === ancestor) return true;
  return false;
}

/**
 * The leader's "Chờ phê duyệt" (his unit's reports submitted to him, corrections included, and
 * the reports of the units routed to his unit, waiting to be received) and the clerk's
 * "Chờ gửi" (approved reports of his unit).
 */
async function inbox(state: AppState, kind: Kind): Promise<{ title: string; rows: Submission[] }[]> {
  const mine = state.principal.orgUnitId;
  if (kind === 'clerk') {
    const approved = (await submissionsOf({ state: 'approved', orgUnitId: mine })).filter((s) => s.orgUnitId === mine);
    return [{ title: 'Báo cáo đã duyệt, chờ văn thư kiểm tra chữ ký và gửi', rows: approved }];
  }
  const [submitted, sent] = await Promise.all([submissionsOf({ state: 'submitted', orgUnitId: mine }), submissionsOf({ state: 'sent' })]);
  return [
    { title: 'Báo cáo của đơn vị trình phê duyệt', rows: submitted.filter((s) => s.orgUnitId === mine) },
    { title: 'Báo cáo của đơn vị cấp dưới gửi lên, chờ tiếp nhận', rows: sent.filter((s) => isBelow(state, s.orgUnitId, mine)) },
  ];
}

export function InboxPage({ state, kind }: { state: AppState; kind: Kind }) {
  const { data, error } = useLoad(() => inbox(state, kind), [kind]);
  const title = kind === 'leader' ? 'Chờ phê duyệt' : 'Chờ gửi';
  if (!data) return <Loading error={error} />;
  const total = data.reduce((n, g) => n + g.rows.length, 0);
  return (
    <section>
      <h1>{title}</h1>
      <p class="muted" id="inbox-count">{total === 0 ? 'Không có báo cáo nào đang chờ bạn.' : `${total} báo cáo đang chờ bạn xử lý.`}</p>
      {data.filter((g) => g.rows.length > 0 || data.length === 1).map((g) => (
        <div class="card">
          <h2>{g.title}</h2>
          {g.rows.length === 0 ? <p class="muted">Không có.</p> : (
            <div class="table-wrap">
              <table class="responsive inbox">
                <thead><tr><th scope="col">Đơn vị</th><th scope="col">Kỳ</th><th scope="col">Biểu mẫu</th><th scope="col">Trạng thái</th><th scope="col">Cập nhật</th><th scope="col">Thao tác</th></tr></thead>
                <tbody>
                  {g.rows.map((s) => (
                    <tr data-submission={s.id} data-unit={s.orgUnitId} data-form={s.formCode}>
                      <td data-label="Đơn vị">{unitName(state, s.orgUnitId)}</td>
                      <td data-label="Kỳ">{periodLabel(s.periodKey)}</td>
                      <td data-label="Biểu mẫu">{state.forms.get(s.formCode)?.name ?? s.formCode}</td>
                      <td data-label="Trạng thái"><StateBadge state={s.state} />{s.kind === 'correction' ? <small class="muted"> (đính chính, phiên bản {s.version})</small> : null}</td>
                      <td data-label="Cập nhật">{fmtDateTime(s.updatedAt)}</td>
                      <td data-label="Thao tác"><a href={`#/bao-cao/${s.id}`} class="open-report">Mở báo cáo<span class="sr-only"> của {unitName(state, s.orgUnitId)}</span></a></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

import type { Form, SubmissionView } from '../types.js';

/**
 * A list-type report (biểu dạng danh sách, exchange's `type: 'list'`): one row per record, one
 * column per list column. Read-only in the app for now: records are entered through
 * `PUT /api/v1/submissions/:id/records`; the workflow buttons above work as for any report.
 */
export function ListRecords({ form, view }: { form: Form; view: SubmissionView }) {
  const columns = form.list?.columns ?? [];
  const records = view.records ?? [];
  return (
    <section class="card" id="list-records">
      <h2>Danh sách ({records.length} bản ghi)</h2>
      <p class="muted">Biểu dạng danh sách: ứng dụng hiện chỉ hiển thị; nhập các bản ghi qua API của hệ thống.</p>
      <div class="table-wrap">
        <table class="responsive">
          <thead><tr><th scope="col">STT</th>{columns.map((c) => <th scope="col">{c.label}{c.unit ? ` (${c.unit})` : ''}</th>)}</tr></thead>
          <tbody>
            {records.map((r) => (
              <tr data-row={r.rowNo}>
                <td data-label="STT">{r.rowNo}</td>
                {columns.map((c) => {
                  const v = r.values[c.code];
                  return <td data-label={c.label}>{v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'Có' : 'Không') : String(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

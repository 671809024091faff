import type { Form, SubmissionView } from '../types.js';
import { displayValue } from './list-values.js';

/**
 * A list-type report (biểu dạng danh sách, exchange's `type: 'list'`) as the leader, the clerk
 * and the receiver read it: one row per record, one column per list column. The data-entry
 * officer edits it in ListEditor while the report is editable.
 */
export function ListRecords({ form, view }: { form: Form; view: SubmissionView }) {
  const columns = form.list?.columns ?? [];
  const records = view.records ?? [];
  return (
    <section class="card" id="list-records" data-editable="false">
      <h2>Danh sách ({records.length} bản ghi)</h2>
      <div class="table-wrap">
        <table class="responsive">
          <thead>
            <tr>
              <th scope="col">STT</th>
              {columns.map((c) => (
                <th scope="col">
                  {c.label}
                  {c.unit ? ` (${c.unit})` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr data-row={r.rowNo}>
                <td data-label="STT">{r.rowNo}</td>
                {columns.map((c) => (
                  <td data-label={c.label} data-col={c.code}>
                    {displayValue(c, r.values[c.code])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { base64Of } from '../file-base64.js';
import { cellKey } from '../grid/violations.js';
import type { Form } from '../types.js';

/**
 * Excel beside the grid: the form as a blank template, the figures as entered, and a filled file
 * uploaded into the grid (the server reads it, changes nothing; the cells enter the grid as if
 * typed, so the form's rules run and the draft saves as usual).
 */
export function XlsxTools(props: {
  submissionId: string;
  form: Form;
  periodKey: string;
  editable: boolean;
  onValues(changes: { key: string; value: number | null }[]): void;
  onError(e: unknown): void;
}) {
  const { form, periodKey } = props;
  const [loaded, setLoaded] = useState<number | null>(null);
  const q = new URLSearchParams({ period: periodKey });
  const upload = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    props.onError(null);
    setLoaded(null);
    try {
      const { values } = await api.post('/api/v1/app/forms/{code}/read-xlsx', {
        params: { path: { code: form.code } },
        body: { fileBase64: await base64Of(file) },
      });
      props.onValues(values.map((v) => ({ key: cellKey(v.indicatorCode, v.columnCode), value: v.value })));
      setLoaded(values.length);
    } catch (err) {
      props.onError(err);
    } finally {
      input.value = '';
    }
  };
  return (
    <section class="card no-print" id="xlsx-tools">
      <h2>Excel</h2>
      <p>
        <a id="xlsx-template" href={`/api/v1/app/forms/${encodeURIComponent(form.code)}/template.xlsx?${q}`} download>
          Tải mẫu biểu trống (.xlsx)
        </a>
        {' · '}
        <a id="xlsx-export" href={`/api/v1/app/submissions/${encodeURIComponent(props.submissionId)}/export.xlsx`} download>
          Tải số liệu đang có, kèm ý kiến (.xlsx)
        </a>
      </p>
      {props.editable ? (
        <p>
          <label for="xlsx-upload">Nhập số liệu từ tệp Excel đã điền theo mẫu</label>{' '}
          <input
            type="file"
            id="xlsx-upload"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void upload(e)}
          />
        </p>
      ) : null}
      {loaded !== null ? (
        <p role="status" id="xlsx-loaded">
          Đã đưa {loaded} ô từ tệp Excel vào biểu; kiểm tra rồi trình như khi nhập tay.
        </p>
      ) : null}
    </section>
  );
}

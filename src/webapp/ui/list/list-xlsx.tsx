import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox } from '../components.js';
import { base64Of } from '../file-base64.js';
import type { Form } from '../types.js';
import type { ListEntry } from './list-entry.js';
import type { ImportResult, ListXlsxRead } from './list-import.js';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ImportStatus({ result, read, maxRecords }: { result: ImportResult; read: ListXlsxRead; maxRecords: number }) {
  return (
    <div class={read.errors.length ? 'warn-box' : 'ok-box'} role="status" id="list-imported">
      <p>
        Đã đưa {result.added} bản ghi từ tệp Excel vào danh sách
        {result.replaced ? `, cập nhật ${result.replaced} bản ghi trùng mã` : ''}. Danh sách tự lưu như khi nhập tay.
        {result.dropped ? ` ${result.dropped} bản ghi không được thêm: danh sách có tối đa ${maxRecords} bản ghi.` : ''}
      </p>
      {read.errors.length ? (
        <>
          <p>{read.errors.length} ô trong tệp không đọc được, đánh dấu bên cạnh ô; sửa rồi mới trình được:</p>
          <ul id="list-import-errors">
            {read.errors.map((e) => (
              <li data-line={e.line} data-col={e.column}>
                {e.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * Excel beside a list: the form as a blank template («Tải mẫu Excel») and a filled one read into
 * the editor («Nhập từ Excel»). The server reads the file and stores nothing; the records enter
 * the list as unsaved changes, the cells the file could not read marked beside them.
 */
export function ListXlsxTools({ form, periodKey, entry }: { form: Form; periodKey: string; entry: ListEntry }) {
  const input = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<{ result: ImportResult; read: ListXlsxRead } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    setError(null);
    setDone(null);
    try {
      const read = await api.post('/api/v1/app/forms/{code}/read-list-xlsx', {
        params: { path: { code: form.code } },
        body: { fileBase64: await base64Of(file) },
      });
      setDone({ read, result: entry.importRecords(read) });
    } catch (err) {
      setError(err);
    } finally {
      input.current!.value = '';
    }
  };
  const q = new URLSearchParams({ period: periodKey });
  return (
    <>
      <a
        class="button secondary"
        id="list-xlsx-template"
        href={`/api/v1/app/forms/${encodeURIComponent(form.code)}/list-template.xlsx?${q}`}
        download
      >
        Tải mẫu Excel
      </a>
      <button type="button" class="secondary" id="list-xlsx-import" onClick={() => input.current?.click()}>
        Nhập từ Excel
      </button>
      <input type="file" hidden id="list-xlsx-upload" ref={input} accept={XLSX_ACCEPT} onChange={() => void upload()} />
      <div class="list-xlsx-result">
        <ErrorBox error={error} />
        {done ? <ImportStatus result={done.result} read={done.read} maxRecords={entry.spec.maxRecords} /> : null}
      </div>
    </>
  );
}

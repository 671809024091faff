import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBox } from '../components.js';
import { SaveIndicator } from '../pages/report-panels.js';
import type { ListEntry } from './list-entry.js';
import { cellMessage, fullMessage, listCellKey } from './list-messages.js';
import { isBlock, parseBlock, type PasteResult } from './list-paste.js';
import type { ComponentChildren } from 'preact';
import { CellInput } from './list-cell-input.js';
import { importKey } from './list-import.js';

const inputId = (key: number, column: string) => `rec-${key}-${column}`;

function focusCell(rowNo: number | undefined, column: string | undefined) {
  if (rowNo === undefined) return;
  const row = document.querySelectorAll<HTMLTableRowElement>('#list-editor tbody tr')[rowNo - 1];
  row?.querySelector<HTMLElement>(column ? `[data-col="${column}"]` : 'input, select')?.focus();
}

/**
 * The data-entry officer's editor of a list-type report: one row per record (thêm, sửa, xóa),
 * typed inputs per column, the rule broken shown next to its cell in Vietnamese and listed above
 * (a click focuses the cell); the list saves on its own and before submitting.
 */
export function ListEditor({ entry, tools }: { entry: ListEntry; tools?: ComponentChildren }) {
  const { spec, rows, violations } = entry;
  const focusAfterAdd = useRef<number | null>(null);
  useEffect(() => {
    if (focusAfterAdd.current === null) return;
    document.getElementById(inputId(focusAfterAdd.current, spec.columns[0]?.code ?? ''))?.focus();
    focusAfterAdd.current = null;
  });
  const messages = new Map<string, string[]>();
  for (const v of violations) {
    if (v.rowNo === undefined || !v.column) continue;
    const k = listCellKey(v.rowNo, v.column);
    messages.set(k, [...(messages.get(k) ?? []), cellMessage(spec, v)]);
  }
  const add = () => {
    focusAfterAdd.current = entry.add();
  };
  const [pasted, setPasted] = useState<PasteResult | null>(null);
  // A block copied from Excel, pasted into any cell (inputs and choices alike): the editor fills it in.
  const onPaste = (e: ClipboardEvent) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-paste-key]');
    if (!cell || !isBlock(text)) return;
    e.preventDefault();
    setPasted(entry.paste({ key: Number(cell.dataset.pasteKey), column: cell.dataset.pasteCol! }, parseBlock(text)));
  };
  return (
    <section class="card" id="list-records" data-editable="true">
      <h2>Danh sách ({rows.length} bản ghi)</h2>
      <p class="muted">
        Mỗi dòng là một bản ghi. Cột có dấu * là bắt buộc. Có thể dán một vùng ô chép từ Excel vào bất kỳ ô nào. Danh sách tự lưu nháp sau
        mỗi thay đổi.
      </p>
      <ErrorBox error={entry.error} />
      {entry.conflict ? (
        <div class="warn-box" id="list-conflict" role="alert">
          <p>
            Danh sách này có {entry.conflict.rows.length} bản ghi chưa lưu trên máy này, nhưng danh sách trên máy chủ đã thay đổi kể từ khi
            bạn sửa. Chọn bản cần giữ:
          </p>
          <button type="button" onClick={() => entry.resolveConflict(true)}>
            Giữ bản của tôi
          </button>{' '}
          <button type="button" class="secondary" onClick={() => entry.resolveConflict(false)}>
            Dùng bản trên máy chủ
          </button>
        </div>
      ) : null}
      <div class="actions">
        <SaveIndicator state={entry.saveState} pending={0} />
        <button type="button" class="secondary" id="list-save" onClick={() => void entry.save()}>
          Lưu danh sách
        </button>
        {tools}
      </div>
      {violations.length === 0 ? (
        rows.length ? (
          <p class="ok-box" id="checks-ok" role="status">
            Các bản ghi thỏa mọi quy định của biểu mẫu.
          </p>
        ) : null
      ) : (
        <div class="error-box violations" id="violations" role="status" aria-live="polite">
          <b>{violations.length} lỗi cần sửa trước khi trình:</b>
          <ul>
            {violations.map((v) => (
              <li data-code={v.code} data-row={v.rowNo} data-col={v.column}>
                <button type="button" onClick={() => focusCell(v.rowNo, v.column)}>
                  {fullMessage(spec, v)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {pasted ? (
        <p role="status" id="list-pasted">
          Đã dán {pasted.cells} ô từ bảng tính.
          {pasted.droppedLines > 0 ? ` ${pasted.droppedLines} dòng không được thêm: danh sách có tối đa ${spec.maxRecords} bản ghi.` : ''}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="list-editor responsive" id="list-editor" data-form-list="true" onPaste={onPaste}>
          <thead>
            <tr>
              <th scope="col">STT</th>
              {spec.columns.map((c) => (
                <th scope="col" data-col={c.code}>
                  {c.label}
                  {c.unit ? ` (${c.unit})` : ''}
                  {c.required ? <span aria-hidden="true"> *</span> : null}
                  {c.required ? <span class="sr-only"> (bắt buộc)</span> : null}
                </th>
              ))}
              <th scope="col">
                <span class="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const rowNo = i + 1;
              return (
                <tr data-row={rowNo} key={r.key}>
                  <td data-label="STT" class="num">
                    {rowNo}
                  </td>
                  {spec.columns.map((c) => {
                    // The upload's own message (line of the file, what it says) stands for the rule's hint until the cell is changed.
                    const imported = entry.importErrors.get(importKey(r.key, c.code));
                    const msgs = imported ? [imported] : (messages.get(listCellKey(rowNo, c.code)) ?? []);
                    const id = inputId(r.key, c.code);
                    return (
                      <td
                        data-label={c.label}
                        data-cell={listCellKey(rowNo, c.code)}
                        data-paste-key={r.key}
                        data-paste-col={c.code}
                        class={`cell${msgs.length ? ' invalid' : ''}`}
                      >
                        <CellInput
                          column={c}
                          rowNo={rowNo}
                          id={id}
                          value={r.text[c.code] ?? ''}
                          invalid={msgs.length > 0}
                          describedBy={msgs.length ? `m-${id}` : undefined}
                          onChange={(text) => entry.change(r.key, c.code, text)}
                        />
                        {msgs.length ? (
                          <span class="msg" id={`m-${id}`}>
                            {msgs.join('; ')}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td data-label="Thao tác">
                    <button
                      type="button"
                      class="secondary remove-record"
                      aria-label={`Xóa dòng ${rowNo}`}
                      onClick={() => {
                        if (window.confirm(`Xóa dòng ${rowNo}?`)) entry.remove(r.key);
                      }}
                    >
                      Xóa
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" id="add-record" onClick={add} disabled={rows.length >= spec.maxRecords}>
          + Thêm dòng
        </button>
      </div>
    </section>
  );
}

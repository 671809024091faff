import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtNumber, parseNumber } from '../format.js';
import type { Form } from '../types.js';
import { cellKey } from './violations.js';
import { useWindow } from './virtual.js';

export interface GridProps {
  form: Form;
  cells: Map<string, number | null>;
  previous: Map<string, number | null> | null;
  /** Per cell key: the messages to show next to it. */
  messages: Map<string, string[]>;
  editable: boolean;
  onChange(changes: { key: string; value: number | null }[]): void;
  /** Enter: save now (the draft also saves on its own). */
  onCommit(): void;
  /** A cell got the focus (its key): the page shows that cell's changes and comments. */
  onSelect?(key: string): void;
  /** Comments per cell key: a cell with comments says so. */
  noted?: ReadonlyMap<string, number>;
}

const ROW_HEIGHT = 58;

/**
 * The data-entry grid: rows = indicators (order, code, name, unit), columns from the form.
 * Spreadsheet keys: arrows by row and column (a click or F2 edits the text, then left/right move the
 * caret up to its edge), Tab, Enter saves and moves down (from the last row to the next column's
 * top), Esc reverts the cell; a block pasted from Excel fills from the focused cell. Large forms render only the rows
 * in view (virtualised).
 */
export function Grid(props: GridProps) {
  const { form, cells, previous, messages, editable } = props;
  const [editing, setEditing] = useState<{ key: string; text: string; original: number | null } | null>(null);
  const [badText, setBadText] = useState<Map<string, string>>(new Map());
  const wrap = useRef<HTMLDivElement>(null);
  const win = useWindow(wrap, form.rows.length, ROW_HEIGHT);
  const pendingFocus = useRef<{ r: number; c: number } | null>(null);
  // Like a spreadsheet: a cell reached by keyboard is in "enter" mode (every arrow moves, also
  // after typing); a click or F2 puts it in "edit" mode (left/right move the caret in the text).
  const caretMode = useRef(false);
  const pointerDown = useRef(false);

  const focusCell = (r: number, c: number) => {
    if (r < 0 || r >= form.rows.length || c < 0 || c >= form.columns.length) return;
    const el = document.getElementById(inputId(form, r, c)) as HTMLInputElement | null;
    if (el) {
      el.focus();
      el.select();
      return;
    }
    pendingFocus.current = { r, c };
    win.scrollToRow(r);
  };
  useEffect(() => {
    const p = pendingFocus.current;
    if (!p) return;
    const el = document.getElementById(inputId(form, p.r, p.c)) as HTMLInputElement | null;
    if (el) {
      pendingFocus.current = null;
      el.focus();
      el.select();
    }
  });

  const commitText = (key: string, text: string) => {
    const parsed = parseNumber(text);
    const next = new Map(badText);
    if (parsed === 'invalid') {
      next.set(key, text);
      setBadText(next);
      return;
    }
    next.delete(key);
    setBadText(next);
    if ((cells.get(key) ?? null) !== parsed) props.onChange([{ key, value: parsed }]);
  };

  const onKeyDown = (e: KeyboardEvent, r: number, c: number, key: string) => {
    const input = e.currentTarget as HTMLInputElement;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      commitText(key, input.value);
      focusCell(r + dr, c + dc);
    };
    const moves = !caretMode.current || all;
    if (e.key === 'F2') {
      e.preventDefault();
      caretMode.current = true;
      input.setSelectionRange(input.value.length, input.value.length);
    } else if (e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'ArrowRight' && (moves || atEnd)) move(0, 1);
    else if (e.key === 'ArrowLeft' && (moves || atStart)) move(0, -1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      commitText(key, input.value);
      props.onCommit();
      // Down the column; from its last row to the top of the next one, so a form fills column by column.
      if (!e.shiftKey && r === form.rows.length - 1) focusCell(0, c + 1);
      else focusCell(r + (e.shiftKey ? -1 : 1), c);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      const original = editing?.key === key ? editing.original : (cells.get(key) ?? null);
      input.value = fmtNumber(original);
      const next = new Map(badText);
      next.delete(key);
      setBadText(next);
      setEditing({ key, text: input.value, original });
      if ((cells.get(key) ?? null) !== original) props.onChange([{ key, value: original }]);
    }
  };

  const onPaste = (e: ClipboardEvent, r: number, c: number) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const changes: { key: string; value: number | null }[] = [];
    const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    lines.forEach((line, i) =>
      line.split('\t').forEach((cellText, j) => {
        const row = form.rows[r + i];
        const col = form.columns[c + j];
        if (!row || !col) return;
        const v = parseNumber(cellText);
        if (v !== 'invalid') changes.push({ key: cellKey(row.indicatorCode, col.code), value: v });
      }),
    );
    setEditing(null);
    props.onChange(changes);
  };

  const rows = form.rows.slice(win.first, win.last + 1);
  return (
    <div class="grid-wrap" ref={wrap} onScroll={win.onScroll}>
      <table class="grid" id="grid" data-form={form.code} aria-rowcount={form.rows.length + 1}>
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Mã</th>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col">Đơn vị tính</th>
            {form.columns.map((c) => (
              <th scope="col" class="num" data-col={c.code}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 ? (
            <tr class="spacer" aria-hidden="true">
              <td colSpan={4 + form.columns.length} style={{ height: `${win.padTop}px` }} />
            </tr>
          ) : null}
          {rows.map((row, i) => {
            const r = win.first + i;
            return (
              <tr data-row={row.indicatorCode} aria-rowindex={r + 2}>
                <td class="num">{row.order}</td>
                <td>
                  <small class="code">{row.indicatorCode}</small>
                </td>
                <th scope="row" class="label">
                  {row.label}
                </th>
                <td>{row.unit}</td>
                {form.columns.map((col, c) => {
                  const key = cellKey(row.indicatorCode, col.code);
                  const msgs = messages.get(key) ?? [];
                  const msgId = msgs.length ? `m-${inputId(form, r, c)}` : undefined;
                  const prev = previous?.get(key);
                  const shown = badText.get(key) ?? (editing?.key === key ? editing.text : fmtNumber(cells.get(key) ?? null));
                  return (
                    <td class={`cell${msgs.length || badText.has(key) ? ' invalid' : ''}`} data-cell={key}>
                      <input
                        id={inputId(form, r, c)}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={`${row.label} – ${col.label}`}
                        aria-invalid={msgs.length > 0 || badText.has(key)}
                        aria-describedby={msgId}
                        readOnly={!editable}
                        value={shown}
                        onMouseDown={() => {
                          pointerDown.current = true;
                          caretMode.current = true;
                        }}
                        onFocus={(e) => {
                          caretMode.current = pointerDown.current;
                          pointerDown.current = false;
                          setEditing({ key, text: (e.currentTarget as HTMLInputElement).value, original: cells.get(key) ?? null });
                          (e.currentTarget as HTMLInputElement).select();
                          props.onSelect?.(key);
                        }}
                        onInput={(e) =>
                          setEditing({
                            key,
                            text: (e.currentTarget as HTMLInputElement).value,
                            original: editing?.key === key ? editing.original : (cells.get(key) ?? null),
                          })
                        }
                        onBlur={(e) => {
                          if (editable) commitText(key, (e.currentTarget as HTMLInputElement).value);
                          setEditing(null);
                        }}
                        onKeyDown={(e) => (editable ? onKeyDown(e, r, c, key) : navOnly(e, r, c, focusCell))}
                        onPaste={(e) => editable && onPaste(e, r, c)}
                      />
                      {prev !== undefined && prev !== null ? <span class="prev">Kỳ trước: {fmtNumber(prev)}</span> : null}
                      {props.noted?.get(key) ? <span class="noted">Ý kiến: {props.noted.get(key)}</span> : null}
                      {badText.has(key) ? (
                        <span class="msg" role="alert">
                          Không phải là số
                        </span>
                      ) : null}
                      {msgs.length ? (
                        <span class="msg" id={msgId}>
                          {msgs.join('; ')}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {win.padBottom > 0 ? (
            <tr class="spacer" aria-hidden="true">
              <td colSpan={4 + form.columns.length} style={{ height: `${win.padBottom}px` }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function navOnly(e: KeyboardEvent, r: number, c: number, focusCell: (r: number, c: number) => void): void {
  const d: Record<string, [number, number]> = {
    ArrowDown: [1, 0],
    ArrowUp: [-1, 0],
    ArrowRight: [0, 1],
    ArrowLeft: [0, -1],
    Enter: [1, 0],
  };
  const step = d[e.key];
  if (step) {
    e.preventDefault();
    focusCell(r + step[0], c + step[1]);
  }
}

export function inputId(form: Form, r: number, c: number): string {
  return `cell-${r}-${c}`;
}

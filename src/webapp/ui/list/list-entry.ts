import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { validateListRecords } from '../../../core/forms/list-records-check.js';
import type { ListSpec as CoreListSpec } from '../../../core/forms/types.js';
import { api } from '../api.js';
import type { SaveState } from '../grid/entry-state.js';
import type { Form } from '../types.js';
import { mergeViolations, type ListViolation } from './list-messages.js';
import { importKey, mergeImported, type ImportResult, type ListXlsxRead } from './list-import.js';
import { pasteBlock, type PasteResult } from './list-paste.js';
import { toText, toValue, type ListRecord, type ListSpec } from './list-values.js';

/** One row of the editor: what is typed per column, and a key that survives deleting rows above it. */
export interface EditRow {
  key: number;
  text: Record<string, string>;
}

const EMPTY_SPEC: ListSpec = { columns: [], maxRecords: 1 };

function toRecords(spec: ListSpec, rows: EditRow[]): ListRecord[] {
  return rows.map((r, i) => ({
    rowNo: i + 1,
    values: Object.fromEntries(spec.columns.map((c) => [c.code, toValue(c, r.text[c.code] ?? '')] as const).filter(([, v]) => v !== null)),
  }));
}

/**
 * A list-type report's records as the data-entry officer edits them: add, change, delete rows;
 * the column rules run in the browser as the user types (the server's own code,
 * src/core/forms/list-records-check.ts) and the list saves on its own shortly after a change.
 * The server's answer to a save is shown too while the list is as it was saved.
 */
export function useListEntry(submissionId: string, form: Form, saved: ListRecord[], editable: boolean) {
  const spec = form.list ?? EMPTY_SPEC;
  const nextKey = useRef(saved.length + 1);
  const [rows, setRows] = useState<EditRow[]>(() =>
    saved.map((r, i) => ({ key: i + 1, text: Object.fromEntries(spec.columns.map((c) => [c.code, toText(c, r.values[c.code])])) })),
  );
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [server, setServer] = useState<{ snapshot: string; violations: ListViolation[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The upload's message of each cell that did not read, shown beside it until the cell is changed.
  const [importErrors, setImportErrors] = useState<Map<string, string>>(new Map());
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(rows);
  latest.current = rows;

  const records = useMemo(() => toRecords(spec, rows), [rows]);
  const snapshot = JSON.stringify(records);
  const violations = useMemo(() => {
    const mine = validateListRecords(spec as CoreListSpec, records);
    // The server's submit check: a list report has at least one record.
    if (records.length === 0) mine.push({ code: 'RECORD_REQUIRED', message: 'Danh sách cần ít nhất một dòng: bấm «Thêm dòng».' });
    return server && server.snapshot === snapshot ? mergeViolations(mine, server.violations) : mine;
  }, [records, server]);

  const save = async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (!editable) return true;
    const body = toRecords(spec, latest.current);
    setSaveState('saving');
    setError(null);
    try {
      const res = await api.put('/api/v1/submissions/{id}/records', { params: { path: { id: submissionId } }, body: { records: body } });
      setServer({ snapshot: JSON.stringify(body), violations: res.violations as ListViolation[] });
      setSaveState(JSON.stringify(toRecords(spec, latest.current)) === JSON.stringify(body) ? 'saved' : 'dirty');
      return true;
    } catch (e) {
      setSaveState((e as { code?: string }).code === 'NETWORK_UNREACHABLE' ? 'offline' : 'error');
      setError(e);
      return false;
    }
  };

  const edited = (next: EditRow[]) => {
    setRows(next);
    latest.current = next;
    setSaveState('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), 800);
  };

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return {
    spec,
    rows,
    violations,
    saveState,
    /** The last save's refusal (shown in Vietnamese above the table). */
    error,
    /** ReportActions saves before submitting; a dirty list counts as one pending change. */
    pending: saveState === 'saved' ? {} : { list: true },
    save,
    importErrors,
    change: (key: number, column: string, text: string) => {
      if (importErrors.has(importKey(key, column))) setImportErrors((m) => new Map([...m].filter(([k]) => k !== importKey(key, column))));
      edited(latest.current.map((r) => (r.key === key ? { ...r, text: { ...r.text, [column]: text } } : r)));
    },
    add: (): number => {
      const key = nextKey.current++;
      edited([...latest.current, { key, text: {} }]);
      return key;
    },
    remove: (key: number) => {
      setImportErrors((m) => new Map([...m].filter(([k]) => !k.startsWith(`${key}|`))));
      edited(latest.current.filter((r) => r.key !== key));
    },
    /** A block pasted from Excel at one cell: fills right and down, adding records up to the maximum. */
    paste: (at: { key: number; column: string }, block: string[][]): PasteResult => {
      const result = pasteBlock(spec, latest.current, at, block, () => nextKey.current++);
      if (result.cells > 0) edited(result.rows);
      return result;
    },
    /** The records read from an uploaded workbook: unsaved changes, saved like typed ones. */
    importRecords: (read: ListXlsxRead): ImportResult => {
      const result = mergeImported(spec, latest.current, read, () => nextKey.current++);
      const kept = [...importErrors].filter(([k]) => !result.touched.has(Number(k.split('|')[0])));
      setImportErrors(new Map([...kept, ...result.errors]));
      if (result.touched.size > 0 || result.rows.length !== latest.current.length) edited(result.rows);
      return result;
    },
  };
}

export type ListEntry = ReturnType<typeof useListEntry>;

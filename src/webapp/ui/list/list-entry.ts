import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { validateListRecords } from '../../../core/forms/list-records-check.js';
import type { ListSpec as CoreListSpec } from '../../../core/forms/types.js';
import { api } from '../api.js';
import type { SaveState } from '../grid/entry-state.js';
import { updateCachedJson } from '../offline-cache.js';
import type { Form, SubmissionView } from '../types.js';
import { mergeViolations, type ListViolation } from './list-messages.js';
import { importKey, mergeImported, type ImportResult, type ListXlsxRead } from './list-import.js';
import { readListCopy, restoreFrom, writeListCopy, type ListCopy } from './list-offline.js';
import { pasteBlock, type PasteResult } from './list-paste.js';
import { rowsOf, toRecords, type EditRow } from './list-rows.js';
import type { ListRecord, ListSpec } from './list-values.js';

export type { EditRow };

const EMPTY_SPEC: ListSpec = { columns: [], maxRecords: 1 };
/** While the server cannot be reached, the unsaved list is offered again this often (and at 'online'). */
const RETRY_MS = 15_000;

/**
 * A list-type report's records as the data-entry officer edits them: add, change, delete rows;
 * the column rules run in the browser as the user types (the server's own code,
 * src/core/forms/list-records-check.ts) and the list saves on its own shortly after a change.
 * The server's answer to a save is shown too while the list is as it was saved.
 */
export function useListEntry(submissionId: string, form: Form, saved: ListRecord[], editable: boolean) {
  const spec = form.list ?? EMPTY_SPEC;
  const initial = useMemo(() => rowsOf(spec, saved), []);
  // The records the server holds, as the editor would send them: what an offline copy is checked against.
  const base = useRef(JSON.stringify(toRecords(spec, initial)));
  const [kept] = useState(() => (editable ? readListCopy(submissionId) : null));
  const decision = restoreFrom(kept, base.current);
  const [conflict, setConflict] = useState<ListCopy | null>(decision === 'conflict' ? kept : null);
  const startRows = decision === 'restore' ? kept!.rows : initial;
  const nextKey = useRef(Math.max(0, ...startRows.map((r) => r.key)) + 1);
  const [rows, setRows] = useState<EditRow[]>(startRows);
  const [saveState, setSaveState] = useState<SaveState>(decision === 'restore' ? 'dirty' : 'saved');
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
      // The browser's copy of the report follows the save: a reload with the network cut starts from these records.
      void updateCachedJson<SubmissionView>(`/api/v1/submissions/${encodeURIComponent(submissionId)}`, (v) => ({
        ...v,
        submission: res.submission,
        records: res.records,
      })).catch(() => undefined);
      base.current = JSON.stringify(toRecords(spec, rowsOf(spec, res.records as ListRecord[])));
      const clean = JSON.stringify(toRecords(spec, latest.current)) === JSON.stringify(body);
      writeListCopy(submissionId, clean ? null : { base: base.current, rows: latest.current });
      setSaveState(clean ? 'saved' : 'dirty');
      return true;
    } catch (e) {
      const unreachable = (e as { code?: string }).code === 'NETWORK_UNREACHABLE';
      setSaveState(unreachable ? 'offline' : 'error');
      setError(unreachable ? null : e);
      if (unreachable) timer.current = window.setTimeout(() => void sync(), RETRY_MS);
      return false;
    }
  };

  /**
   * Back online: the server's records are read first. If they moved since the kept copy was
   * edited (a colleague saved meanwhile), the editor shows the server's list and the user
   * chooses (never a silent overwrite); else the kept records are sent.
   */
  const sync = async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    try {
      const fresh = await api.get('/api/v1/submissions/{id}', { params: { path: { id: submissionId } } });
      const theirs = rowsOf(spec, (fresh.records ?? []) as ListRecord[]).map((r) => ({ ...r, key: nextKey.current++ }));
      const now = JSON.stringify(toRecords(spec, theirs));
      if (now !== base.current) {
        // The copy stays in the browser as it was (a reload asks again) until the user chooses.
        setConflict({ base: base.current, rows: latest.current });
        base.current = now;
        setRows(theirs);
        latest.current = theirs;
        setSaveState('saved');
        return false;
      }
    } catch (e) {
      const unreachable = (e as { code?: string }).code === 'NETWORK_UNREACHABLE';
      setSaveState(unreachable ? 'offline' : 'error');
      if (!unreachable) setError(e);
      else timer.current = window.setTimeout(() => void sync(), RETRY_MS);
      return false;
    }
    return save();
  };

  const edited = (next: EditRow[]) => {
    setRows(next);
    latest.current = next;
    // Kept in the browser until the server has it: a reload or a cut network loses nothing.
    writeListCopy(submissionId, { base: base.current, rows: next });
    setSaveState('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), 800);
  };

  const latestState = useRef(saveState);
  latestState.current = saveState;
  useEffect(() => {
    // A copy kept from an earlier visit (a reload, a cut network) is offered again at once.
    if (decision === 'restore') void save();
    const online = () => {
      if (latestState.current !== 'saved') void sync();
    };
    addEventListener('online', online);
    return () => {
      removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, []);

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
    /** An offline copy edited from records the server no longer holds: the user chooses. */
    conflict,
    resolveConflict: (keepMine: boolean) => {
      const copy = conflict;
      setConflict(null);
      if (copy && keepMine) edited(copy.rows.map((r) => ({ ...r, key: nextKey.current++ })));
      else writeListCopy(submissionId, null);
    },
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

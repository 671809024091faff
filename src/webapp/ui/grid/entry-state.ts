import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { updateCachedJson } from '../offline-cache.js';
import type { CellValue, Form, SubmissionView, Violation } from '../types.js';
import { cellKey, checkValues, describe } from './violations.js';

/** Cells changed here and not yet saved, with the server value they were edited from. */
interface Pending {
  base: number | null;
  value: number | null;
}
export interface Conflict {
  key: string;
  mine: number | null;
  server: number | null;
}

const storeKey = (id: string) => `lienthong.pending.${id}`;

function readPending(id: string): Record<string, Pending> {
  try {
    return JSON.parse(localStorage.getItem(storeKey(id)) ?? '{}') as Record<string, Pending>;
  } catch {
    return {};
  }
}
function writePending(id: string, p: Record<string, Pending>): void {
  if (Object.keys(p).length === 0) localStorage.removeItem(storeKey(id));
  else localStorage.setItem(storeKey(id), JSON.stringify(p));
}

/** Unsaved cells whose server value moved since they were edited (conflicts), and the rest. */
function splitConflicts(pending: Record<string, Pending>, server: Map<string, number | null>) {
  const clash: Conflict[] = [];
  const kept: Record<string, Pending> = {};
  for (const [key, p] of Object.entries(pending)) {
    const now = server.get(key) ?? null;
    if (now !== p.base && now !== p.value) clash.push({ key, mine: p.value, server: now });
    else kept[key] = p;
  }
  return { clash, kept };
}

/** While the server cannot be reached, the unsaved cells are offered again this often (and at 'online'). */
const RETRY_MS = 15_000;

function without(p: Record<string, Pending>, drop: (key: string, p: Pending) => boolean): Record<string, Pending> {
  return Object.fromEntries(Object.entries(p).filter(([k, v]) => !drop(k, v)));
}

export type SaveState = 'saved' | 'dirty' | 'saving' | 'offline' | 'error';

/**
 * The grid's values, its live checks and its draft that saves on its own. Unsaved cells are
 * kept in localStorage too: a reload or a cut network loses nothing; on reconnect they are sent,
 * except a cell changed meanwhile on the server, which is shown beside the user's value.
 */
export function useEntry(submissionId: string, form: Form, serverValues: CellValue[], editable: boolean) {
  const server = useMemo(() => new Map(serverValues.map((v) => [cellKey(v.indicatorCode, v.columnCode), v.value])), [serverValues]);
  const [pending, setPending] = useState<Record<string, Pending>>(() => (editable ? readPending(submissionId) : {}));
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  // Completed saves: what the page's reads that follow a save (cell trail, warnings) wait on.
  const [saves, setSaves] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>(Object.keys(pending).length ? 'dirty' : 'saved');
  const timer = useRef<number | undefined>(undefined);
  const saving = useRef(false);

  // Offline edits made against an older server value are conflicts, never silent overwrites.
  const takeConflicts = (latest: Map<string, number | null>): Record<string, Pending> => {
    const { clash, kept } = splitConflicts(readPending(submissionId), latest);
    if (clash.length) {
      setConflicts((prev) => [...prev.filter((c) => !clash.some((x) => x.key === c.key)), ...clash]);
      writePending(submissionId, kept);
      setPending(kept);
    }
    return kept;
  };
  useEffect(() => {
    takeConflicts(server);
  }, [server]);

  const cells = useMemo(() => {
    const m = new Map(server);
    for (const [key, p] of Object.entries(pending)) m.set(key, p.value);
    return m;
  }, [server, pending]);

  const violations: Violation[] = useMemo(() => checkValues(form, cells), [form, cells]);
  const messages = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const v of violations) {
      if (!v.row || !v.column) continue;
      const k = cellKey(v.row, v.column);
      m.set(k, [...(m.get(k) ?? []), describe(form, v)]);
    }
    return m;
  }, [violations]);

  const save = async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    const current = readPending(submissionId);
    const keys = Object.keys(current);
    if (keys.length === 0) {
      setSaveState('saved');
      return true;
    }
    if (saving.current) return false;
    saving.current = true;
    setSaveState('saving');
    const values = keys.map((k) => {
      const [indicatorCode, columnCode] = k.split('|');
      return { indicatorCode, columnCode, value: current[k].value };
    });
    try {
      const saved = await api.put('/api/v1/submissions/{id}/values', { params: { path: { id: submissionId } }, body: { values } });
      // The browser's copy of the report follows the save: a reload with the network cut shows these figures.
      void updateCachedJson<SubmissionView>(`/api/v1/submissions/${encodeURIComponent(submissionId)}`, (v) => ({
        ...v,
        submission: saved.submission,
        values: saved.values,
      })).catch(() => undefined);
      const after = without(readPending(submissionId), (k, p) => keys.includes(k) && p.value === current[k].value);
      writePending(submissionId, after);
      for (const k of keys) server.set(k, current[k].value);
      setPending({ ...after });
      setSaveState(Object.keys(after).length ? 'dirty' : 'saved');
      setSaves((n) => n + 1);
      return true;
    } catch (e) {
      const unreachable = (e as { code?: string }).code === 'NETWORK_UNREACHABLE';
      setSaveState(unreachable ? 'offline' : 'error');
      if (unreachable) timer.current = window.setTimeout(() => void sync(), RETRY_MS);
      return false;
    } finally {
      saving.current = false;
    }
  };

  const change = (changes: { key: string; value: number | null }[]) => {
    let next = { ...readPending(submissionId) };
    for (const { key, value } of changes) {
      const base = next[key]?.base ?? server.get(key) ?? null;
      next = value === base ? without(next, (k) => k === key) : { ...next, [key]: { base, value } };
    }
    writePending(submissionId, next);
    setPending(next);
    setSaveState('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), 800);
  };

  /**
   * Back online: the server's figures are read first, so a cell someone changed meanwhile is
   * shown beside the user's value (never overwritten); the other unsaved cells are then sent.
   */
  const sync = async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (Object.keys(readPending(submissionId)).length === 0) return save();
    try {
      const fresh = await api.get('/api/v1/submissions/{id}', { params: { path: { id: submissionId } } });
      const latest = new Map(fresh.values.map((v) => [cellKey(v.indicatorCode, v.columnCode), v.value]));
      for (const [k, v] of latest) server.set(k, v);
      takeConflicts(latest);
    } catch (e) {
      const unreachable = (e as { code?: string }).code === 'NETWORK_UNREACHABLE';
      setSaveState(unreachable ? 'offline' : 'error');
      if (unreachable) timer.current = window.setTimeout(() => void sync(), RETRY_MS);
      return false;
    }
    return save();
  };

  useEffect(() => {
    // Cells kept from an earlier visit (a reload, a cut network) are offered again at once.
    if (editable && Object.keys(readPending(submissionId)).length) void sync();
    const online = () => void sync();
    addEventListener('online', online);
    return () => {
      removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, []);

  const resolve = (key: string, keepMine: boolean) => {
    const c = conflicts.find((x) => x.key === key);
    setConflicts(conflicts.filter((x) => x.key !== key));
    if (c && keepMine) change([{ key, value: c.mine }]);
  };

  return { cells, violations, messages, pending, conflicts, saveState, saves, save, sync, change, resolve };
}

/**
 * The list editor's unsaved records kept in localStorage, beside the grid's unsaved cells (same
 * `lienthong.pending.` prefix, so another account logging in on the browser drops them, see
 * offline-cache.ts). The copy carries the records it was edited from (`base`): restored only
 * when the server still holds those, else the user chooses between the two lists.
 */
export interface ListCopy {
  /** The saved records (as JSON) the edits started from. */
  base: string;
  /** The editor's rows as typed, per column. */
  rows: { key: number; text: Record<string, string> }[];
}

const storeKey = (id: string) => `lienthong.pending.list.${id}`;

export function readListCopy(id: string): ListCopy | null {
  try {
    const raw = localStorage.getItem(storeKey(id));
    return raw ? (JSON.parse(raw) as ListCopy) : null;
  } catch {
    return null;
  }
}

export function writeListCopy(id: string, copy: ListCopy | null): void {
  try {
    if (copy) localStorage.setItem(storeKey(id), JSON.stringify(copy));
    else localStorage.removeItem(storeKey(id));
  } catch {
    // A full or blocked storage only loses the offline copy; the save itself goes on.
  }
}

/** What a kept copy means for the records the server holds now. */
export function restoreFrom(copy: ListCopy | null, serverRecords: string): 'none' | 'restore' | 'conflict' {
  if (!copy) return 'none';
  return copy.base === serverRecords ? 'restore' : 'conflict';
}

import { localDateOf, VIETNAM_UTC_OFFSET_MINUTES } from '../calendar/iso-date.js';

/** A cell comment as the workbook writes it into the cell's note. */
export interface NoteComment {
  indicatorCode: string;
  columnCode: string;
  /** '' for the total cell: only those are on the main sheet. */
  disaggregationKey: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** "dd/mm/yyyy hh:mm" in Vietnam time, as the app shows times. */
function vnDateTime(at: Date): string {
  const [y, m, d] = localDateOf(at).split('-');
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${d}/${m}/${y} ${hh}:${mm}`;
}

/** Each commented total cell's note (indicator|column → text), its comments oldest first, one per line. */
export function cellNotes(comments: readonly NoteComment[]): Map<string, string> {
  const out = new Map<string, string[]>();
  const sorted = [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const c of sorted) {
    if (c.disaggregationKey !== '') continue;
    const key = `${c.indicatorCode}|${c.columnCode}`;
    const lines = out.get(key) ?? [];
    lines.push(`${c.authorName} (${vnDateTime(c.createdAt)}): ${c.body}`);
    out.set(key, lines);
  }
  return new Map([...out].map(([k, lines]) => [k, lines.join('\n')]));
}

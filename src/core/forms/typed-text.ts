// No imports: the web app bundles this file to read what is typed or pasted into a list cell,
// and the server reads an uploaded list workbook with it, so both read a cell the same way.

/** Reads a number as written: "1.234,5" (Vietnamese), "1234.5" or "1,234.5" (pasted from Excel). */
export function parseNumber(text: string): number | null | 'invalid' {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  let s = t;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) && /^-?\d*\.?\d+(e-?\d+)?$/i.test(s) ? n : 'invalid';
}

/** "15/3/2026" or "2026-03-15" → "2026-03-15" when the day exists; null otherwise. */
export function parseDate(text: string): string | null {
  let y: string, m: string, d: string;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (vn) [, d, m, y] = vn;
  else if (iso) [, y, m, d] = iso;
  else return null;
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${out}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === out ? out : null;
}

const YES = new Set(['có', 'co', 'x', 'true', 'yes', '1']);
const NO = new Set(['không', 'khong', 'false', 'no', '0']);

/** "Có"/"Không" (and x, 1/0, true/false) as a yes/no; null when it is neither. */
export function yesNoOf(text: string): boolean | null {
  const l = text.trim().toLowerCase();
  return YES.has(l) ? true : NO.has(l) ? false : null;
}

/** The allowed value a text names, whatever its case and spacing; null when it names none. */
export function choiceOf(values: readonly string[], text: string): string | null {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const t = norm(text);
  return values.find((v) => norm(v) === t) ?? null;
}

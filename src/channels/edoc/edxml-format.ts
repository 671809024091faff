import { createHash } from 'node:crypto';
import { EdxmlError } from './edxml-errors.js';

/** Vietnam has no daylight saving: its civil time is always UTC+7. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

function vietnamParts(at: Date) {
  const t = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return { y: t.getUTCFullYear(), mo: pad(t.getUTCMonth() + 1), d: pad(t.getUTCDate()), h: pad(t.getUTCHours()), mi: pad(t.getUTCMinutes()), s: pad(t.getUTCSeconds()) };
}

/** `yyyy/MM/dd` in Vietnam time (edXML dates). */
export function edxmlDate(at: Date): string {
  const p = vietnamParts(at);
  return `${p.y}/${p.mo}/${p.d}`;
}

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time (edXML timestamps). */
export function edxmlTimestamp(at: Date): string {
  const p = vietnamParts(at);
  return `${p.y}/${p.mo}/${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** ISO `yyyy-MM-dd` (packet deadlines) → `yyyy/MM/dd`. */
export function edxmlDateFromIso(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new EdxmlError('EDXML_DATE_INVALID', `Not an ISO date: "${iso}"`, { value: iso });
  return `${m[1]}/${m[2]}/${m[3]}`;
}

export const EDXML_DATE_PATTERN = /^\d{4}\/\d{2}\/\d{2}$/;
export const EDXML_TIMESTAMP_PATTERN = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/;

export function documentIdOf(organId: string, date: string, number: string, notation: string): string {
  return `${organId},${date},${number}/${notation}`;
}

/** Splits `{OrganId},{yyyy/MM/dd},{number}/{notation}`; the notation may itself contain `/` or `-`. */
export function parseDocumentId(documentId: string): { organId: string; date: string; number: string; notation: string } {
  const m = /^([^,]+),(\d{4}\/\d{2}\/\d{2}),([^/,]+)\/([^,]+)$/.exec(documentId);
  if (!m) throw new EdxmlError('EDXML_DOCUMENT_ID_INVALID', `DocumentId "${documentId}" is not {OrganId},{yyyy/MM/dd},{number}/{notation}`, { documentId });
  return { organId: m[1]!, date: m[2]!, number: m[3]!, notation: m[4]! };
}

/**
 * The document number for a packet: derived from the idempotency key, so every retry of the same
 * packet on the same day carries the same DocumentId and the receiver can drop duplicates.
 */
export function documentNumberFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  return String(digest.readUInt32BE(0) % 10_000_000);
}

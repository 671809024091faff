import { createHash } from 'node:crypto';
import { localDateOf, VIETNAM_UTC_OFFSET_MINUTES } from '../../core/calendar/iso-date.js';
import { EdxmlError } from './edxml-errors.js';

/** `yyyy/MM/dd` in Vietnam time (edXML dates). */
export function edxmlDate(at: Date): string {
  return localDateOf(at).replaceAll('-', '/');
}

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time (edXML timestamps). */
export function edxmlTimestamp(at: Date): string {
  // localDateOf's shift (Vietnam keeps UTC+7 all year), read as an ISO string: date, then time.
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', '/')} ${local.slice(11, 19)}`;
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
  if (!m)
    throw new EdxmlError('EDXML_DOCUMENT_ID_INVALID', `DocumentId "${documentId}" is not {OrganId},{yyyy/MM/dd},{number}/{notation}`, {
      documentId,
    });
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

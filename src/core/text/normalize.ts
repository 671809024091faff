import { ValidationError } from '../../shared/errors.js';
import { detectLegacyEncoding, foreignLatin1Chars, looksLegacyEncoded } from './legacy-encoding.js';

/**
 * Every text entering the system goes through here: Unicode NFC (TCVN 6909:2001 precomposed),
 * legacy TCVN3/VNI text converted, anything still unreadable refused with a clear error rather
 * than stored garbled. `field` names the input in the error.
 */
export function normalizeText(input: string, field?: string): string {
  const text = input.normalize('NFC');
  if (!looksLegacyEncoded(text)) return text;
  const legacy = detectLegacyEncoding(text);
  if (legacy) return legacy.converted;
  const chars = foreignLatin1Chars(text);
  throw new ValidationError(
    'TEXT_ENCODING_UNSUPPORTED',
    `${field ? `${field}: ` : ''}text is not Unicode Vietnamese and is neither TCVN3 nor VNI; convert it to Unicode (TCVN 6909:2001) and resend`,
    { field, characters: chars.slice(0, 10) },
  );
}

/** Normalises every string value of a flat record (e.g. a request body's text fields). */
export function normalizeTextFields<T extends Record<string, unknown>>(record: T, fields: (keyof T & string)[]): T {
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = normalizeText(v, f);
  }
  return out as T;
}

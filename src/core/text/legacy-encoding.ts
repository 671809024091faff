import { createRequire } from 'node:module';

/**
 * Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) show up as Latin-1 look-alikes once a
 * file saved in them is read as Windows-1252: "B¸o c¸o" (TCVN3), "Baùo caùo" (VNI). Vietnamese
 * written in Unicode uses only a fixed subset of Latin-1 letters, so anything else in
 * U+0080–U+00FF marks text that still needs converting (Thái Bình 4.5, Lai Châu 4.2.d).
 *
 * The character tables come from the `vietnamese-conversion` package; its own converter
 * replaces sequences in table order and so garbles e.g. VNI "ôû" (ở) into "ơû", hence the
 * longest-match converter here.
 */
export type LegacyEncoding = 'tcvn3' | 'vni';

type Charsets = Record<'UNICODE' | 'VNI' | 'TCVN3', string[]>;
const charsets = (createRequire(import.meta.url)('vietnamese-conversion/dist/charsets.js') as { default: Charsets }).default;

interface Codec {
  decode: Map<string, string>;
  encode: Map<string, string>;
  maxLength: number;
}

function codec(encoding: LegacyEncoding): Codec {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  const table = encoding === 'vni' ? charsets.VNI : charsets.TCVN3;
  // Letters an encoding shares with Unicode decode to themselves, whatever else the table says.
  table.forEach((legacy, i) => {
    if (legacy && legacy === charsets.UNICODE[i]) decode.set(legacy, legacy);
  });
  table.forEach((legacy, i) => {
    const unicode = charsets.UNICODE[i]!;
    if (!legacy || legacy === unicode) return;
    if (!decode.has(legacy)) decode.set(legacy, unicode);
    encode.set(unicode, legacy);
  });
  return { decode, encode, maxLength: Math.max(...[...decode.keys()].map((k) => k.length)) };
}

const codecs: Record<LegacyEncoding, Codec> = { tcvn3: codec('tcvn3'), vni: codec('vni') };

function translate(text: string, table: Map<string, string>, maxLength: number): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    let matched = false;
    // Stryker disable next-line MethodExpression,ArithmeticOperator,EqualityOperator: a longer start or a zero length only tries slices that match nothing.
    for (let len = Math.min(maxLength, text.length - i); len > 0; len--) {
      const hit = table.get(text.slice(i, i + len));
      if (hit !== undefined) {
        out += hit;
        i += len;
        matched = true;
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

export function decodeLegacy(text: string, encoding: LegacyEncoding): string {
  const c = codecs[encoding];
  return translate(text, c.decode, c.maxLength).normalize('NFC');
}

export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  return translate(text.normalize('NFC'), codecs[encoding].encode, 1);
}

const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\u00a0'.split(''));

/** Characters that cannot occur in Unicode Vietnamese text but do occur in legacy-encoded text. */
export function foreignLatin1Chars(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 && code <= 0xff && !VIETNAMESE_LATIN1.has(ch)) found.add(ch);
  }
  return [...found];
}

// VNI writes tone and shape marks after the vowel using letters that are themselves valid in
// Vietnamese ("aù" = á, "eá" = ế); these pairs never occur in Unicode Vietnamese words.
const VNI_ONLY_PAIRS = /[aeiouyAEIOUY][ùõ]|[aeAE][áàãâ]|[aA][éèê]/;

/** True when the text shows marks of a legacy encoding. */
export function looksLegacyEncoded(text: string): boolean {
  return foreignLatin1Chars(text).length > 0 || VNI_ONLY_PAIRS.test(text);
}

/**
 * Picks the legacy encoding whose conversion yields clean Vietnamese: no foreign Latin-1
 * characters left. Returns null when neither fits.
 */
export function detectLegacyEncoding(text: string): { encoding: LegacyEncoding; converted: string } | null {
  if (!looksLegacyEncoded(text)) return null;
  const candidates = (['vni', 'tcvn3'] as const).map((encoding) => {
    const converted = decodeLegacy(text, encoding);
    return { encoding, converted, leftovers: foreignLatin1Chars(converted).length };
  });
  const clean = candidates.filter((c) => c.leftovers === 0 && c.converted !== text);
  if (clean.length === 0) return null;
  // Both clean happens for short strings; the conversion that consumed more legacy sequences
  // (shorter output: VNI uses two bytes a letter) explains more of the input.
  clean.sort((a, b) => a.converted.length - b.converted.length);
  return { encoding: clean[0]!.encoding, converted: clean[0]!.converted };
}

export { normalizeText, normalizeTextFields } from './normalize.js';
export {
  detectLegacyEncoding,
  foreignLatin1Chars,
  looksLegacyEncoded,
  decodeLegacy,
  encodeLegacy,
  type LegacyEncoding,
} from './legacy-encoding.js';

import { readdirSync, readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

const EXAMPLES = new URL('../../../fixtures/packets/examples/', import.meta.url);

describe('canonicalJson (RFC 8785)', () => {
  it('matches the canonicalize reference on every example packet', () => {
    for (const file of readdirSync(EXAMPLES)) {
      const packet = JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as unknown;
      expect(canonicalJson(packet), file).toBe(canonicalize(packet));
    }
  });

  it('matches the reference on the cases where key order and number form matter', () => {
    const cases: unknown[] = [
      { b: 1, a: [3, { d: 'x', c: null }], é: 'ắ', Z: true, '': 0 },
      { '10': 'ten', '9': 'nine', a: 1 }, // integer-like keys: V8 would reorder them
      { n: [1e21, 1e-7, -0, 0.1 + 0.2, 123456789012345680000, 5e-324] },
      { s: 'dòng\nmới "trích" \u2028 \u0001 😀', u: undefined, '\u{1F600}': 1, '\uE000': 2 },
      [[], {}, [null], { x: [] }],
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(canonicalize(c));
  });

  it('refuses what JSON cannot carry instead of signing something else', () => {
    expect(() => canonicalJson({ v: Number.NaN })).toThrow();
    expect(() => canonicalJson({ v: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson({ s: '\uD800' })).toThrow();
  });
});

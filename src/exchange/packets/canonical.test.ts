import { readdirSync, readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sortedCopy } from './canonical.js';

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

  it('refuses what JSON cannot carry instead of signing something else, with the typed error', () => {
    for (const bad of [
      { v: Number.NaN },
      { n: [Number.NaN] },
      { v: Number.POSITIVE_INFINITY },
      { v: [1, { w: Number.NEGATIVE_INFINITY }] },
      { s: '\uD800' },
      { '\uDC00': 1 },
    ]) {
      expect(() => canonicalJson(bad)).toThrow(expect.objectContaining({ code: 'PACKET_NOT_SERIALIZABLE', status: 400 }));
    }
    expect(() => canonicalJson({ v: Number.NaN })).toThrow(
      expect.objectContaining({
        message: 'Packet cannot be serialised to canonical JSON',
        details: { reason: expect.stringMatching(/NaN/) },
      }),
    );
    expect(() => canonicalJson(undefined)).toThrow(
      expect.objectContaining({ code: 'PACKET_NOT_SERIALIZABLE', details: { reason: 'not JSON data' } }),
    );
  });

  // Test vectors printed in RFC 8785 itself (sections 3.2.2 and 3.2.3): bytes another
  // implementation produced, not our own output.
  it('produces the RFC 8785 example output byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    const sorting = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",' +
        ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as Record<string, string>;
    // Key order by UTF-16 code units; only characters below U+0020 are escaped.
    expect(canonicalJson(sorting)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('drops undefined members, keeps nulls, serialises values with toJSON the way JSON does', () => {
    expect(canonicalJson({ b: undefined, a: null })).toBe('{"a":null}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson([1, 'x', true])).toBe('[1,"x",true]');
  });

  // The fast path must hand over to the reference exactly when JSON.stringify would not be JCS;
  // its output is hidden behind the reference's, so it is checked on its own.
  describe('sortedCopy (the fast path)', () => {
    it('copies plain data with every object key sorted, at any depth, leaving the input alone', () => {
      const input = { b: [true, null, 'x', 1.5, { d: false, c: [] }], a: { z: 1, y: { x: 'é' } } };
      const copy = sortedCopy(input) as Record<string, unknown>;
      expect(copy).toEqual(input);
      expect(copy).not.toBe(input);
      expect(Object.keys(copy)).toEqual(['a', 'b']);
      expect(Object.keys(copy.a as Record<string, unknown>)).toEqual(['y', 'z']);
      expect(Object.keys((copy.b as unknown[])[4] as Record<string, unknown>)).toEqual(['c', 'd']);
      expect(Object.keys(input)).toEqual(['b', 'a']);
      expect(sortedCopy([1, [2, [3]]])).toEqual([1, [2, [3]]]);
      expect(sortedCopy([])).toEqual([]);
      expect(sortedCopy(null)).toBeNull();
      expect(sortedCopy(false)).toBe(false);
      expect(sortedCopy(0)).toBe(0);
      expect(sortedCopy('chuỗi')).toBe('chuỗi');
      expect(sortedCopy({ a: undefined, b: 1 })).toEqual({ b: 1 });
    });

    it('gives up (undefined) on anything JSON.stringify would not serialise as JCS', () => {
      const giveUp: unknown[] = [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        [1, Number.NaN],
        { a: [{ b: Number.NEGATIVE_INFINITY }] },
        '\uD800',
        ['ok', '\uDFFF'],
        { '\uD800': 1 },
        { '10': 'x' },
        { a: { '0': 'x' } },
        new Date(0),
        { at: new Date(0) },
        new Map(),
        [new Map()],
        Object.create(null) as unknown,
        undefined,
        () => 1,
        10n,
        Symbol('s'),
      ];
      for (const v of giveUp) expect(sortedCopy(v), String(typeof v)).toBeUndefined();
    });
  });
});

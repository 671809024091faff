import { describe, expect, it } from 'vitest';
import { decodeLegacy, encodeLegacy, foreignLatin1Chars, looksLegacyEncoded } from './legacy-encoding.js';
import { detectLegacyEncoding, normalizeText } from './index.js';
import { normalizeTextFields } from './normalize.js';

const sample = 'Báo cáo tình hình kinh tế - xã hội tháng 01 năm 2027 của Sở Tài chính (đầu tư công, Đoàn Kết)';

describe('normalizeText', () => {
  it('composes decomposed Unicode (tổ hợp) into NFC', () => {
    const decomposed = sample.normalize('NFD');
    expect(decomposed).not.toBe(sample);
    expect(normalizeText(decomposed)).toBe(sample);
  });

  it('leaves Unicode and ASCII text alone', () => {
    expect(normalizeText(sample)).toBe(sample);
    expect(normalizeText('GRDP 2027 (%)')).toBe('GRDP 2027 (%)');
  });

  it('converts TCVN3 (ABC) text to Unicode', () => {
    const legacy = encodeLegacy(sample, 'tcvn3');
    expect(legacy).not.toBe(sample);
    expect(detectLegacyEncoding(legacy)?.encoding).toBe('tcvn3');
    expect(normalizeText(legacy)).toBe(sample);
  });

  it('converts VNI-Windows text to Unicode', () => {
    const legacy = encodeLegacy(sample, 'vni');
    expect(detectLegacyEncoding(legacy)?.encoding).toBe('vni');
    expect(normalizeText(legacy)).toBe(sample);
  });

  it('refuses text that is neither, naming the field and characters', () => {
    try {
      normalizeText('Gr\u00f8\u00dfe \u00e6\u00f0', 'name');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({
        code: 'TEXT_ENCODING_UNSUPPORTED',
        status: 400,
        details: { field: 'name', characters: ['ø', 'ß', 'æ', 'ð'] },
      });
      expect((err as Error).message).toMatch(/^name: text is not Unicode Vietnamese and is neither TCVN3 nor VNI/);
    }
    // without a field name the message starts with the sentence itself; at most ten characters are listed
    const many = '\u00f8\u00df\u00e6\u00f0\u00fe\u00de\u00d0\u00d8\u00c6\u00b1\u00b5\u00ae';
    expect(() => normalizeText(many)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^text is not/),
        details: expect.objectContaining({ characters: [...many].slice(0, 10) }),
      }),
    );
  });

  it('normalises the named text fields of a record and leaves the rest alone', () => {
    const record = { name: 'B\u00b8o c\u00b8o', code: 'B\u00b8o', count: 3, note: undefined };
    expect(normalizeTextFields(record, ['name', 'count', 'note'])).toEqual({
      name: 'Báo cáo',
      code: 'B\u00b8o',
      count: 3,
      note: undefined,
    });
    expect(record.name).toBe('B\u00b8o c\u00b8o');
  });
});

describe('legacy samples as they arrive from old Word/Excel files', () => {
  it.each([
    ['B\u00b8o c\u00b8o t\u00d7nh h\u00d7nh', 'Báo cáo tình hình'], // TCVN3 bytes read as Windows-1252
    ['Baùo caùo tình hình kinh teá', 'Báo cáo tình hình kinh tế'], // VNI-Windows
    ['Sôû Keá hoaïch vaø Ñaàu tö', 'Sở Kế hoạch và Đầu tư'],
  ])('%s → %s', (legacy, unicode) => {
    expect(normalizeText(legacy)).toBe(unicode);
  });
});

// Text as other software wrote it: lines of real government documents typed in .VnTime (TCVN3)
// or VNI-Times fonts, read as Windows-1252, the way they are quoted by other converters' own test
// suites. Independent of our tables, so a wrong table entry fails here.
describe('legacy text written by other software (fixed samples)', () => {
  it.each([
    ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
    ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
    ['C¨n cø NghÞ ®Þnh sè 15/CP', 'Căn cứ Nghị định số 15/CP'],
    ['Hµ néi, ngµy 22 th¸ng 11 n¨m 2002', 'Hà nội, ngày 22 tháng 11 năm 2002'],
    ['vÒ viÖc söa ®æi møc thuÕ suÊt', 'về việc sửa đổi mức thuế suất'],
    ['§¶ng bé Tr\u00adêng', 'Đảng bộ Trường'],
  ])('TCVN3 %s → %s', (legacy, unicode) => {
    expect(detectLegacyEncoding(legacy)?.encoding).toBe('tcvn3');
    expect(decodeLegacy(legacy, 'tcvn3')).toBe(unicode);
    expect(normalizeText(legacy)).toBe(unicode);
  });

  it.each([
    ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
  ])('VNI %s → %s', (legacy, unicode) => {
    expect(detectLegacyEncoding(legacy)?.encoding).toBe('vni');
    expect(decodeLegacy(legacy, 'vni')).toBe(unicode);
    expect(normalizeText(legacy)).toBe(unicode);
  });

  it('writes Unicode back as those same bytes (the export path for old systems)', () => {
    expect(encodeLegacy('Cộng hoà xã hội chủ nghĩa Việt Nam', 'tcvn3')).toBe('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(encodeLegacy('Độc lập - Tự do - Hạnh phúc', 'vni')).toBe('Ñoäc laäp - Töï do - Haïnh phuùc');
    // decomposed input is composed first
    expect(encodeLegacy('Độc lập'.normalize('NFD'), 'tcvn3')).toBe('§éc lËp');
  });

  it('says which characters give a text away, and only those', () => {
    expect(foreignLatin1Chars('B¸o c¸o Hoà Bình')).toEqual(['¸']);
    expect(foreignLatin1Chars('Hoà Bình, Thuý Kiều')).toEqual([]);
    // the edges of the Latin-1 block count; ASCII and letters beyond it do not
    expect(foreignLatin1Chars('\u007f\u0080\u00ff\u0100 ~')).toEqual(['\u0080', '\u00ff']);
    expect(looksLegacyEncoded('Baùo caùo')).toBe(true);
    expect(looksLegacyEncoded('Báo cáo')).toBe(false);
    expect(detectLegacyEncoding('Báo cáo')).toBeNull();
  });
});

describe('no false alarms on real Unicode Vietnamese', () => {
  it.each(['Hoà Bình', 'hoá đơn', 'Thuý Kiều', 'khoẻ mạnh', 'quân sự', 'tiên tiến', 'Quảng Ninh', 'Ủy ban nhân dân'])(
    '%s stays as it is',
    (t) => {
      expect(normalizeText(t)).toBe(t);
    },
  );
});

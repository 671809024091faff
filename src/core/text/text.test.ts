import { describe, expect, it } from 'vitest';
import { encodeLegacy } from './legacy-encoding.js';
import { detectLegacyEncoding, normalizeText } from './index.js';

const sample = 'Báo cáo tình hình kinh tế - xã hội tháng 01 năm 2027 của Sở Kế hoạch và Đầu tư';

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
      expect(err).toMatchObject({ code: 'TEXT_ENCODING_UNSUPPORTED', status: 400, details: { field: 'name' } });
    }
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

describe('no false alarms on real Unicode Vietnamese', () => {
  it.each(['Hoà Bình', 'hoá đơn', 'Thuý Kiều', 'khoẻ mạnh', 'quân sự', 'tiên tiến', 'Quảng Ninh', 'Ủy ban nhân dân'])('%s stays as it is', (t) => {
    expect(normalizeText(t)).toBe(t);
  });
});

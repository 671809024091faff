import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingRules, mapClaims, type MappingRules } from './mapping.js';

const rules: MappingRules = {
  rules: [
    { match: { SoDinhDanh: '012085000101' }, orgUnitId: 'lai-chau', roles: ['leader'] },
    { match: { emailDomain: 'tamduong.laichau.gov.vn', LoaiTaiKhoan: '3' }, orgUnitId: 'lc-x-tam-duong', roles: ['data_entry'] },
  ],
};

describe('identity mapping rules', () => {
  it('maps by identification number, first rule wins', () => {
    expect(mapClaims(rules, { SoDinhDanh: '012085000101', email: 'a@tamduong.laichau.gov.vn', LoaiTaiKhoan: '3' })).toEqual({
      orgUnitId: 'lai-chau',
      roles: ['leader'],
      rule: 0,
    });
  });

  it('needs every condition: email domain alone is not enough without the account type', () => {
    expect(mapClaims(rules, { email: 'B@TamDuong.LaiChau.gov.vn', LoaiTaiKhoan: '3' })).toMatchObject({ orgUnitId: 'lc-x-tam-duong' });
    expect(mapClaims(rules, { email: 'b@tamduong.laichau.gov.vn', LoaiTaiKhoan: '1' })).toBeNull();
    expect(mapClaims(rules, { email: 'b@evil.tamduong.laichau.gov.vn', LoaiTaiKhoan: '3' })).toBeNull();
    expect(mapClaims(rules, { email: 'tamduong.laichau.gov.vn@evil.example', LoaiTaiKhoan: '3' })).toBeNull();
  });

  it('refuses a rules file that grants an unknown role or matches on nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ match: {}, orgUnitId: 'lai-chau', roles: ['ministry_client'] }] }));
    expect(() => loadMappingRules(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadMappingRules(join(dir, 'missing.json'))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

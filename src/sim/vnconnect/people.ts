/**
 * Test people of the VNConnect simulator. Claim names follow the VNConnect userinfo seen in
 * public integrations (SoDinhDanh = personal identification number, HoVaTen = full name,
 * LoaiTaiKhoan = account type); values are invented. LoaiTaiKhoan: '1' citizen, '2' business,
 * '3' public official (our assumption; the real code list is not published). The demo mapping
 * rules (fixtures/identity/mapping-rules.json) map the first four; the last one is unmapped.
 */
export interface TestPerson {
  sub: string;
  SoDinhDanh: string;
  HoVaTen: string;
  LoaiTaiKhoan: string;
  email: string;
  /** What the simulator's picker shows next to the name. */
  note: string;
}

export const TEST_PEOPLE: readonly TestPerson[] = [
  {
    sub: 'vnc-0001',
    SoDinhDanh: '012085000101',
    HoVaTen: 'Nguyễn Văn An',
    LoaiTaiKhoan: '3',
    email: 'an.nv@laichau.gov.vn',
    note: 'Lãnh đạo UBND tỉnh',
  },
  {
    sub: 'vnc-0002',
    SoDinhDanh: '012088000102',
    HoVaTen: 'Lò Thị Bình',
    LoaiTaiKhoan: '3',
    email: 'binh.lt@tamduong.laichau.gov.vn',
    note: 'Cán bộ nhập liệu xã Tam Đường',
  },
  {
    sub: 'vnc-0003',
    SoDinhDanh: '012090000103',
    HoVaTen: 'Trần Minh Cường',
    LoaiTaiKhoan: '3',
    email: 'cuong.tm@laichau.gov.vn',
    note: 'Quản trị hệ thống tỉnh',
  },
  {
    sub: 'vnc-0004',
    SoDinhDanh: '012092000104',
    HoVaTen: 'Vàng A Dũng',
    LoaiTaiKhoan: '3',
    email: 'dung.va@binhlu.laichau.gov.vn',
    note: 'Cán bộ nhập liệu xã Bình Lư',
  },
  {
    sub: 'vnc-0009',
    SoDinhDanh: '079095000109',
    HoVaTen: 'Phạm Thị Duyên',
    LoaiTaiKhoan: '1',
    email: 'duyen.pham@example.vn',
    note: 'Công dân (chưa được ánh xạ)',
  },
];

export function personBy(idOrNumber: string): TestPerson | undefined {
  return TEST_PEOPLE.find((p) => p.sub === idOrNumber || p.SoDinhDanh === idOrNumber);
}

/** Userinfo claims of a person (what VNConnect returns at /oauth2/userinfo). */
export function userinfoOf(p: TestPerson): Record<string, string> {
  return { sub: p.sub, SoDinhDanh: p.SoDinhDanh, HoVaTen: p.HoVaTen, LoaiTaiKhoan: p.LoaiTaiKhoan, email: p.email };
}

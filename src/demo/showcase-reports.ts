import type { ListRecord } from '../core/forms/types.js';
import type { NarrativeInput } from '../core/submissions/commands/save-narrative.js';

/** The province's public investment projects the showcase lists (form DTC-DS01, list-report-data). */
export function showcaseProjects(year: number): ListRecord[] {
  return [
    {
      rowNo: 1,
      values: {
        MA_DU_AN: `DA-${year}-01`,
        TEN_DU_AN: 'Đường tỉnh 129 đoạn Tam Đường - Bản Bo',
        NHOM: 'B',
        CHU_DAU_TU: 'Ban QLDA đầu tư xây dựng tỉnh',
        TONG_MUC_DAU_TU: 412.5,
        VON_GIAI_NGAN: 188.2,
        NGAY_KHOI_CONG: `${year - 1}-03-15`,
        HOAN_THANH: false,
      },
    },
    {
      rowNo: 2,
      values: {
        MA_DU_AN: `DA-${year}-02`,
        TEN_DU_AN: 'Cầu Nậm Na, xã Phong Thổ',
        NHOM: 'C',
        CHU_DAU_TU: 'Ban QLDA giao thông tỉnh',
        TONG_MUC_DAU_TU: 86,
        VON_GIAI_NGAN: 86,
        NGAY_KHOI_CONG: `${year - 2}-09-01`,
        HOAN_THANH: true,
      },
    },
  ];
}

/** The project added after the recall: the corrected list is what goes again. */
export function showcaseLateProject(year: number): ListRecord {
  return {
    rowNo: 3,
    values: {
      MA_DU_AN: `DA-${year}-03`,
      TEN_DU_AN: 'Trường phổ thông dân tộc nội trú xã Sìn Hồ',
      NHOM: 'C',
      CHU_DAU_TU: 'Sở Giáo dục và Đào tạo',
      TONG_MUC_DAU_TU: 54.3,
      VON_GIAI_NGAN: 12,
      NGAY_KHOI_CONG: `${year}-02-10`,
      HOAN_THANH: false,
    },
  };
}

/** The half-year narrative report (KTXH-6THANG-TM, outline-submission) and its correction. */
export function showcaseNarrative(year: number, corrected: boolean): NarrativeInput {
  const text = [
    `Sáu tháng đầu năm ${year}, kinh tế của tỉnh tiếp tục phục hồi; tổng sản phẩm trên địa bàn ước tăng 7,2% so với cùng kỳ.`,
    'Thu ngân sách nhà nước trên địa bàn đạt 54% dự toán; giải ngân vốn đầu tư công đạt 41% kế hoạch.',
    corrected
      ? 'Đính chính: số liệu giải ngân được cập nhật theo báo cáo của Kho bạc Nhà nước khu vực (đạt 43% kế hoạch).'
      : 'Các ngành, địa phương tập trung tháo gỡ khó khăn trong giải phóng mặt bằng các dự án trọng điểm.',
  ].join('\n\n');
  return { title: `Báo cáo thuyết minh tình hình kinh tế - xã hội 6 tháng đầu năm ${year}${corrected ? ' (đính chính)' : ''}`, text };
}

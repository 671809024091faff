import { bool, int, text, url } from './setting.js';

const area = 'channels';

/** The external systems the gateway sends to, built once by src/app/adapters (national, e-document). */
export const channelSettings = {
  NATIONAL_URL: url({ area, defaultText: 'giả lập hệ thống báo cáo Chính phủ', description: 'Hệ thống thông tin báo cáo Chính phủ' }),
  NATIONAL_TIMEOUT_MS: int({ area, fallback: 10_000, min: 1, description: 'Thời gian chờ mỗi lần gửi lên hệ thống Chính phủ (ms)' }),
  NATIONAL_RECEIPT_TRUST: text({ area, defaultText: 'TRUST_ANCHORS', description: 'Chứng thư gốc kiểm tra biên nhận, callback ký số' }),
  NATIONAL_RECEIPTS_SIGNED: bool({ area, fallback: false, description: 'Từ chối biên nhận không có chữ ký' }),
  NATIONAL_ACCEPTANCE_ACK: bool({ area, fallback: true, description: 'Báo lại DA_TIEP_NHAN khi hệ thống Chính phủ chấp nhận' }),
  EDOC_URL: url({ area, defaultText: 'giả lập trục văn bản điện tử', description: 'Trục liên thông văn bản (dự phòng, lưu trữ)' }),
  EDOC_SYSTEM_ID: text({ area, defaultText: 'mã demo', description: 'Mã hệ thống trên trục (VXP)' }),
  EDOC_SECRET: text({ area, secret: true, defaultText: 'khóa demo', description: 'Khóa ký yêu cầu VXP' }),
  EDOC_FROM_ORGAN: text({ area, fallback: '000.00.00.H29', description: 'Mã định danh cơ quan gửi' }),
  EDOC_FROM_ORGAN_NAME: text({ area, description: 'Tên cơ quan gửi' }),
  EDOC_TO_ORGAN: text({ area, fallback: '000.00.01.H29', description: 'Mã định danh cơ quan nhận' }),
  EDOC_TO_ORGAN_NAME: text({ area, description: 'Tên cơ quan nhận' }),
  EDOC_NOTATION: text({ area, fallback: 'BC-LTBC', description: 'Ký hiệu văn bản' }),
  EDOC_PLACE: text({ area, fallback: 'Lai Châu', description: 'Địa danh trên văn bản' }),
  EDOC_SIGNING_CERT: text({ area, defaultText: 'SIGNING_CERT, else PKI thử nghiệm', description: 'Chứng thư ký edXML (PEM)' }),
  EDOC_SIGNING_KEY: text({ area, secret: true, defaultText: 'SIGNING_KEY', description: 'Khóa riêng ký edXML (PEM)' }),
  EDOC_TIMEOUT_MS: int({ area, fallback: 10_000, min: 1, description: 'Thời gian chờ trục văn bản (ms)' }),
};

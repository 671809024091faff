import { bool, int, positive, text, url } from './setting.js';

const area = 'exchange';
const demoPki = 'PKI thử nghiệm (demo)';

/** Signing, trust, revocation, time-stamping, mappings, catalog push (src/exchange/config.ts, signing-setup.ts). */
export const exchangeSettings = {
  SIGNING_P12: text({ area, defaultText: demoPki, description: 'PKCS#12 ký gói tin của cơ quan' }),
  SIGNING_P12_PASSWORD: text({ area, secret: true, description: 'Mật khẩu của SIGNING_P12' }),
  SIGNING_CERT: text({ area, description: 'Chứng thư ký gói tin (PEM), cùng SIGNING_KEY' }),
  SIGNING_KEY: text({ area, secret: true, description: 'Khóa riêng ký gói tin (PEM)' }),
  SIGNING_PKCS11_MODULE: text({ area, description: 'Thư viện PKCS#11 của thiết bị ký số' }),
  SIGNING_PKCS11_TOKEN: text({ area, description: 'Nhãn token trên thiết bị' }),
  SIGNING_PKCS11_KEY: text({ area, description: 'Nhãn khóa trên token' }),
  SIGNING_PKCS11_PIN: text({ area, secret: true, description: 'PIN của token' }),
  SIGNING_PKCS11_ISSUERS: text({ area, description: 'Chuỗi chứng thư trung gian (PEM) của khóa trên token' }),
  LEADER_SIGNING_P12: text({
    area,
    defaultText: `${demoPki}, hoặc SIGNING_*`,
    description: 'PKCS#12 ký phê duyệt (cách cũ, một lãnh đạo)',
  }),
  LEADER_SIGNING_P12_PASSWORD: text({ area, secret: true, description: 'Mật khẩu của LEADER_SIGNING_P12' }),
  LEADER_SIGNING_CERT: text({ area, description: 'Chứng thư ký phê duyệt (PEM)' }),
  LEADER_SIGNING_KEY: text({ area, secret: true, description: 'Khóa riêng ký phê duyệt (PEM)' }),
  LEADER_CREDENTIALS: text({ area, defaultText: 'các lãnh đạo demo', description: 'Tệp JSON chứng thư số cá nhân của lãnh đạo' }),
  TRUST_ANCHORS: text({ area, defaultText: demoPki, description: 'Chứng thư gốc tin cậy (PEM, cách nhau dấu phẩy)' }),
  MAPPINGS_DIR: text({ area, defaultText: 'mappings/', description: 'Thư mục ánh xạ chỉ tiêu quốc gia, bộ ngành' }),
  CRL_SOURCES: text({ area, defaultText: 'CRL của CA thử nghiệm (demo)', description: 'CRL (tệp hoặc URL, dấu phẩy)' }),
  OCSP_RESPONDER_URL: url({ area, defaultText: 'giả lập ocsp', description: 'OCSP responder' }),
  OCSP_FRESHNESS_SECONDS: positive({ area, fallback: 3600, description: 'Tuổi tối đa của câu trả lời OCSP/CRL dùng lại (giây)' }),
  REVOCATION_REQUIRED: bool({ area, fallback: false, description: 'Không khởi động khi không có OCSP hay CRL' }),
  TSA_URL: url({ area, defaultText: 'giả lập tsa', description: 'Dịch vụ cấp dấu thời gian RFC 3161' }),
  TSA_TIMEOUT_MS: positive({ area, fallback: 10_000, description: 'Thời gian chờ TSA (ms)' }),
  CSC_URL: url({ area, defaultText: 'giả lập csc', description: 'Dịch vụ ký số từ xa (CSC) của lãnh đạo' }),
  CATALOG_PUSH: bool({ area, fallback: true, description: 'Đẩy danh mục, KPI lên hệ thống Chính phủ và đọc danh mục quốc gia' }),
  CATALOG_PUSH_INTERVAL_MS: int({ area, fallback: 60_000, min: 1000, description: 'Chu kỳ kiểm tra thay đổi danh mục (ms)' }),
  NATIONAL_CATALOG_FEED: bool({ area, fallback: true, description: 'Đọc danh mục quốc gia từ hệ thống Chính phủ' }),
};

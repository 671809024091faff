import { bool, int, num, oneOf, size, text, url } from './setting.js';

const area = 'server';

/** The process: where it listens, its storage, what it starts (src/config.ts, src/app/gateway.ts). */
export const serverSettings = {
  PORT: int({ area, fallback: 8080, min: 0, max: 65535, description: 'Cổng HTTP(S) của gateway (0 = cổng bất kỳ)' }),
  HOST: text({ area, fallback: '127.0.0.1', description: 'Địa chỉ lắng nghe' }),
  PUBLIC_URL: url({ area, defaultText: 'http(s)://HOST:PORT', description: 'Địa chỉ công khai (liên kết, redirect OIDC, callback)' }),
  NODE_ENV: text({ area, fallback: 'development', description: 'production bật kiểm tra cấu hình bắt buộc' }),
  DATABASE_URL: text({ area, secret: true, defaultText: 'PGlite trong DATA_DIR', description: 'PostgreSQL (postgres://...)' }),
  REDIS_URL: text({
    area,
    secret: true,
    defaultText: 'hàng đợi trong tiến trình',
    description: 'Redis cho hàng đợi, lịch chạy, giới hạn tần suất',
  }),
  DATA_DIR: text({ area, fallback: 'data/pglite', description: 'Thư mục dữ liệu PGlite (khi không có DATABASE_URL)' }),
  QUEUE_PREFIX: text({ area, fallback: 'lienthong', description: 'Tiền tố khóa Redis (hàng đợi, lịch, giới hạn)' }),
  START_SIMULATORS: bool({
    area,
    fallback: undefined,
    defaultText: 'true khi không có DATABASE_URL, REDIS_URL và không phải production',
    description: 'Chạy các hệ thống giả lập trong tiến trình (demo)',
  }),
  SEED_DEMO: bool({
    area,
    fallback: undefined,
    defaultText: 'true khi không chạy thật',
    description: 'Nạp tỉnh, danh mục, tài khoản demo vào CSDL trống',
  }),
  DEMO: bool({ area, fallback: undefined, description: 'Bật demo (SEED_DEMO và START_SIMULATORS) cả khi có DATABASE_URL' }),
  LOG_LEVEL: oneOf({
    area,
    values: ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'],
    fallback: 'info',
    defaultText: 'info (warn khi chạy test)',
    description: 'Mức ghi nhật ký',
  }),
  BODY_LIMIT: size({ area, fallback: '5mb', description: 'Kích thước tối đa thân yêu cầu JSON' }),
  SHUTDOWN_DRAIN_SECONDS: num({ area, fallback: 30, description: 'Thời gian chờ yêu cầu, công việc dở dang khi dừng' }),
  READY_CHECK_TIMEOUT_SECONDS: num({ area, fallback: 3, description: 'Thời gian tối đa của mỗi kiểm tra /ready' }),
  TLS_CERT: text({ area, description: 'Chứng thư TLS (PEM) để gateway tự phục vụ HTTPS' }),
  TLS_KEY: text({ area, secret: true, description: 'Khóa riêng TLS (PEM)' }),
  TLS_CLIENT_CA: text({ area, description: 'CA của chứng thư máy khách (mTLS bộ, ngành)' }),
  SIM_NATIONAL_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập hệ thống báo cáo Chính phủ (0 = bất kỳ)' }),
  SIM_EDOC_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập trục văn bản điện tử' }),
  SIM_VNCONNECT_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập VNConnect' }),
  SIM_MINISTRY_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập hệ thống bộ, ngành' }),
  SIM_CSC_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập ký số từ xa (CSC)' }),
  SIM_OCSP_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập OCSP' }),
  SIM_TSA_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng của giả lập cấp dấu thời gian (TSA)' }),
  SIM_MAIL_PORT: int({ area, fallback: 0, max: 65535, description: 'Cổng HTTP của giả lập thư điện tử' }),
  SIM_MINISTRY_TOKEN: text({
    area,
    secret: true,
    defaultText: 'token demo của giả lập',
    description: 'Token của giả lập bộ, ngành (kết nối mặc định dùng nó)',
  }),
};

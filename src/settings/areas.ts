import { bool, int, oneOf, size, text, url } from './setting.js';

/** Core catalog and submissions (src/core/core-config.ts, core/submissions/module.ts). */
export const coreSettings = {
  CUTOFF_RULES: text({ area: 'core', fallback: 'decree-09-2019', description: 'Quy tắc chốt số liệu (tên có sẵn hoặc tệp JSON)' }),
  HOLIDAY_OVERRIDES_FILE: text({ area: 'core', description: 'Tệp ngày nghỉ, ngày làm bù bổ sung' }),
  AUTO_ASSIGN: bool({ area: 'core', fallback: true, description: 'Tự giao nhiệm vụ báo cáo theo chế độ báo cáo' }),
  AUTO_ASSIGN_CRON: text({ area: 'core', fallback: '5 0 * * *', description: 'Lịch tự giao nhiệm vụ (cron, giờ Việt Nam)' }),
  OUTLIER_COMMENT_REQUIRED: bool({
    area: 'core',
    fallback: false,
    description: 'Ô bị đánh dấu bất thường so với lịch sử của đơn vị phải có ý kiến giải thích trước khi trình',
  }),
  ENTRY_LOCK_AT_DEADLINE: bool({
    area: 'core',
    fallback: true,
    description: 'Khóa nhập liệu lúc 00:00 sau hạn nộp (trừ khi được gia hạn)',
  }),
  SUBMISSION_ATTACHMENT_MAX_BYTES: int({
    area: 'core',
    min: 1,
    defaultText: '4194304',
    description: 'Kích thước tối đa một tệp đính kèm (byte)',
  }),
};

/** Ministry imports and connectors (src/ministry/config.ts, files/file-limits.ts). */
export const ministrySettings = {
  MINISTRY_CONNECTORS_DIR: text({
    area: 'ministry',
    defaultText: 'fixtures/ministry/connectors',
    description: 'Thư mục khai báo kết nối bộ, ngành',
  }),
  MINISTRY_CONNECTORS_SCHEDULE: bool({ area: 'ministry', fallback: true, description: 'Chạy kết nối theo lịch cron của chúng' }),
  MINISTRY_XML_LIMIT: size({ area: 'ministry', fallback: '20mb', description: 'Kích thước tối đa gói XML bộ, ngành đẩy vào' }),
  MINISTRY_REFERENCE_CACHE_MS: int({
    area: 'ministry',
    fallback: 5000,
    min: 0,
    description: 'Dùng lại danh mục chỉ tiêu và cây đơn vị khi nhận dữ liệu bộ, ngành trong (ms; 0 = không)',
  }),
  MINISTRY_FILE_LIMIT: size({ area: 'ministry', fallback: '50mb', description: 'Kích thước tối đa tệp CSV/xlsx nhập' }),
  IMPORT_MAX_UNPACKED_BYTES: int({
    area: 'ministry',
    fallback: 64 * 1024 * 1024,
    min: 1,
    description: 'Dung lượng tối đa sau giải nén (byte)',
  }),
  IMPORT_MAX_ZIP_ENTRIES: int({ area: 'ministry', fallback: 1000, min: 1, description: 'Số tệp thành phần tối đa trong tệp nén' }),
  IMPORT_MAX_ROWS: int({ area: 'ministry', fallback: 200_000, min: 1, description: 'Số dòng tối đa' }),
  IMPORT_MAX_CELLS: int({ area: 'ministry', fallback: 2_000_000, min: 1, description: 'Số ô tối đa' }),
  IMPORT_WORKER_MIN_BYTES: int({
    area: 'ministry',
    fallback: 1024 * 1024,
    min: 1,
    description: 'Tệp từ cỡ này được đọc trong luồng riêng (byte)',
  }),
};

/** Upload scanning (src/scanning/config.ts). */
export const scanningSettings = {
  CLAMD_SOCKET: text({ area: 'scanning', description: 'Socket UNIX của clamd' }),
  CLAMD_HOST: text({ area: 'scanning', description: 'Máy chạy clamd (thay cho CLAMD_SOCKET)' }),
  CLAMD_PORT: int({ area: 'scanning', fallback: 3310, min: 1, max: 65535, description: 'Cổng clamd' }),
  CLAMD_TIMEOUT_MS: int({ area: 'scanning', fallback: 30_000, min: 1, description: 'Thời gian chờ quét một tệp (ms)' }),
  SCAN_ON_UNAVAILABLE: oneOf({
    area: 'scanning',
    values: ['refuse', 'accept'],
    fallback: 'refuse',
    description: 'Khi trình quét không trả lời',
  }),
  SCAN_REQUIRED: bool({
    area: 'scanning',
    fallback: undefined,
    defaultText: 'true khi có DATABASE_URL',
    description: 'Không khởi động khi chưa cấu hình trình quét',
  }),
};

/** Notifications: e-mail, webhook, reminders (src/notifications/config.ts). */
export const notificationSettings = {
  NOTIFY_SMTP_URL: text({ area: 'notifications', secret: true, description: 'Máy chủ thư (smtp://user:pass@host:port)' }),
  NOTIFY_FROM: text({ area: 'notifications', fallback: 'lienthong@localhost', description: 'Địa chỉ người gửi' }),
  NOTIFY_WEBHOOK_URL: url({ area: 'notifications', description: 'Webhook nhận thông báo (ký HMAC)' }),
  NOTIFY_WEBHOOK_SECRET: text({ area: 'notifications', secret: true, description: 'Khóa HMAC của webhook' }),
  NOTIFY_OPS_EMAILS: text({ area: 'notifications', description: 'Thư của bộ phận vận hành (dấu phẩy)' }),
  NOTIFY_FALLBACK_DOMAIN: text({ area: 'notifications', description: 'Miền thư khi tài khoản không có địa chỉ' }),
  NOTIFY_RULES_FILE: text({ area: 'notifications', description: 'Tệp quy tắc thông báo của tỉnh' }),
  NOTIFY_WATCH_MS: int({ area: 'notifications', fallback: 30_000, min: 1000, description: 'Chu kỳ theo dõi sự kiện (ms)' }),
  NOTIFY_REMINDERS_CRON: text({ area: 'notifications', fallback: '0 7 * * *', description: 'Lịch nhắc hạn (cron, giờ Việt Nam)' }),
  NOTIFY_MAINTENANCE_LEAD_MS: int({ area: 'notifications', fallback: 24 * 3600_000, description: 'Báo trước bảo trì (ms)' }),
  NOTIFY_MAX_ATTEMPTS: int({ area: 'notifications', fallback: 5, min: 1, description: 'Số lần gửi thử tối đa' }),
  NOTIFY_RETRY_MS: int({ area: 'notifications', min: 1, defaultText: '5000', description: 'Độ trễ gửi lại đầu tiên (ms)' }),
};

/** Monitoring, operations, backup (src/observability, src/ops, src/backup). */
export const operationsSettings = {
  METRICS_CACHE_MS: int({ area: 'operations', fallback: 1000, description: 'Dùng lại số liệu /metrics trong (ms)' }),
  AUDIT_SEAL_MS: int({ area: 'operations', fallback: 5000, description: 'Chu kỳ niêm phong nhật ký kiểm toán (ms, ≥ 100)' }),
  OPS_SAMPLE_MS: int({ area: 'operations', fallback: 60_000, description: 'Chu kỳ lấy mẫu độ sâu hàng đợi (ms, ≥ 100)' }),
  OPS_TOKEN_FILE: text({ area: 'operations', defaultText: 'cạnh DATA_DIR', description: 'Tệp token cho CLI gọi gateway đang chạy' }),
  BACKUP_DIR: text({ area: 'operations', description: 'Thư mục sao lưu (không đặt = không sao lưu theo lịch)' }),
  BACKUP_CRON: text({ area: 'operations', fallback: '30 1 * * *', description: 'Lịch sao lưu (cron, giờ Việt Nam)' }),
  BACKUP_RETENTION_DAYS: int({ area: 'operations', fallback: 30, min: 1, description: 'Số ngày giữ bản sao lưu' }),
  PG_BIN_DIR: text({ area: 'operations', description: 'Thư mục pg_dump/pg_restore' }),
};

/** The demo traffic of the bare-machine demo (src/demo/demo-settings.ts). */
export const demoSettings = {
  DEMO_TRAFFIC: bool({ area: 'demo', fallback: undefined, defaultText: 'true trên máy demo', description: 'Sinh báo cáo, sự cố mẫu' }),
  DEMO_INITIAL_REPORTS: int({ area: 'demo', fallback: 4, description: 'Số báo cáo gửi lúc khởi động' }),
  DEMO_LATE_REPORTS: int({ area: 'demo', fallback: 2, description: 'Số báo cáo trễ hạn' }),
  DEMO_INTERVAL_MS: int({ area: 'demo', fallback: 20_000, description: 'Thêm một báo cáo mỗi (ms, 0 = không)' }),
  DEMO_INCIDENT_AFTER_MS: int({ area: 'demo', fallback: 30_000, description: 'Sự cố hệ thống Chính phủ bắt đầu sau (ms, 0 = không)' }),
  DEMO_INCIDENT_MS: int({ area: 'demo', fallback: 60_000, description: 'Thời gian sự cố (ms)' }),
  DEMO_SHOWCASE: bool({
    area: 'demo',
    fallback: true,
    description:
      'Trình diễn các loại gói tin lưu lượng mẫu không tạo ra (báo cáo thuyết minh và đính chính, báo cáo danh sách và thu hồi, dữ liệu KPI)',
  }),
};

/** The `lienthong` command line (src/cli). */
export const cliSettings = {
  LIENTHONG_URL: url({ area: 'cli', description: 'Gateway từ xa cho các lệnh CLI' }),
  LIENTHONG_TOKEN: text({ area: 'cli', secret: true, description: 'Bearer token tài khoản vận hành (cùng LIENTHONG_URL)' }),
  LIENTHONG_PASSWORD: text({ area: 'cli', secret: true, description: 'Mật khẩu cho `lienthong users add`' }),
};

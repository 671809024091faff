import { bool, int, num, text } from './setting.js';

const area = 'delivery';

/** The delivery engine: worker, retries, breakers, fallback, message log (src/delivery/config.ts). */
export const deliverySettings = {
  DELIVERY_WORKER: bool({ area, fallback: true, description: 'Chạy worker, relay, đối soát trong tiến trình này (false = chỉ API)' }),
  DELIVERY_CONCURRENCY: num({ area, fallback: 64, min: 1, description: 'Số gói tin gửi đồng thời' }),
  DELIVERY_LOCK_MS: num({ area, fallback: 30_000, min: 1000, description: 'Thời gian giữ khóa một công việc (ms)' }),
  DELIVERY_STALE_MS: num({ area, fallback: 120_000, min: 1000, description: 'Gói tin "đang gửi" quá lâu thì đối soát lại (ms)' }),
  CHANNEL_TIMEOUT_MS: num({ area, fallback: 30_000, min: 1, description: 'Thời gian chờ tối đa của bộ ngắt mạch cho mỗi lần gửi (ms)' }),
  BREAKER_ERROR_PERCENT: num({ area, fallback: 50, min: 1, description: 'Tỉ lệ lỗi (%) mở bộ ngắt mạch' }),
  BREAKER_VOLUME: num({ area, fallback: 5, min: 1, description: 'Số lần gửi tối thiểu trước khi xét tỉ lệ lỗi' }),
  BREAKER_RESET_MS: num({ area, fallback: 30_000, min: 1, description: 'Thời gian mở trước khi thử lại (ms)' }),
  RELAY_BATCH: num({ area, fallback: 500, min: 1, description: 'Số dòng outbox chuyển vào hàng đợi mỗi lượt' }),
  RELAY_POLL_MS: num({ area, fallback: 100, min: 1, description: 'Chu kỳ đọc outbox (ms)' }),
  RECONCILE_INTERVAL_MS: num({ area, fallback: 60_000, min: 100, description: 'Chu kỳ đối soát trạng thái (ms)' }),
  MESSAGE_LOG_SEAL_MS: num({ area, fallback: 500, min: 10, description: 'Chu kỳ niêm phong chuỗi băm nhật ký (ms)' }),
  COUNT_FOLD_MS: num({ area, fallback: 5000, min: 100, description: 'Chu kỳ gộp bộ đếm gói tin (ms)' }),
  RETRY_BASE_MS: num({ area, fallback: 2000, description: 'Độ trễ lần thử lại đầu (ms)' }),
  RETRY_FACTOR: num({ area, fallback: 2, min: 1, max: 10, description: 'Hệ số tăng độ trễ' }),
  RETRY_MAX_DELAY_MS: num({ area, fallback: 10 * 60_000, description: 'Độ trễ tối đa (ms)' }),
  RETRY_MAX_ATTEMPTS: num({ area, fallback: 20, min: 1, max: 1000, description: 'Số lần thử tối đa trước khi vào hàng chết' }),
  RETRY_JITTER: num({ area, fallback: 0.2, min: 0, max: 1, description: 'Độ ngẫu nhiên của độ trễ (0..1)' }),
  RETRY_CIRCUIT_OPEN_MS: num({ area, fallback: 15_000, description: 'Chờ khi bộ ngắt mạch đang mở (ms)' }),
  FALLBACK_ENABLED: bool({ area, fallback: true, description: 'Gửi qua trục văn bản khi hệ thống Chính phủ gián đoạn' }),
  FALLBACK_OUTAGE_WORKING_HOURS: num({ area, fallback: 3, description: 'Số giờ làm việc gián đoạn trước khi dùng dự phòng' }),
  FALLBACK_DEADLINE_MARGIN_HOURS: num({ area, fallback: 24, description: 'Dùng dự phòng khi còn ít hơn số giờ này tới hạn' }),
  FALLBACK_OFFICE_HOURS: text({ area, defaultText: '07:30-11:30,13:00-17:00', description: 'Giờ làm việc (HH:MM-HH:MM, dấu phẩy)' }),
  ARCHIVE_TO_EDOC: bool({ area, fallback: false, description: 'Gửi bản lưu mọi báo cáo đã duyệt sang trục văn bản' }),
  MESSAGE_LOG_TIMESTAMP: bool({ area, fallback: true, description: 'Gắn dấu thời gian TSA cho đầu chuỗi nhật ký' }),
  MESSAGE_LOG_TIMESTAMP_MS: int({ area, fallback: 60_000, min: 1, description: 'Chu kỳ gắn dấu thời gian (ms)' }),
  MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: int({
    area,
    min: 1,
    description: 'Ngừng nhận gói tin khi không gắn được dấu thời gian lâu hơn (ms)',
  }),
  MESSAGE_LOG_ARCHIVE_DIR: text({
    area,
    defaultText: 'DATA_DIR/../archive (không có khi có DATABASE_URL)',
    description: 'Thư mục lưu trữ nhật ký thông điệp cũ',
  }),
  MESSAGE_LOG_RETENTION_DAYS: int({
    area,
    fallback: 30,
    min: 1,
    description: 'Số ngày giữ nhật ký thông điệp trước khi chuyển vào lưu trữ',
  }),
  MESSAGE_LOG_ARCHIVE_EVERY_MS: int({ area, fallback: 6 * 3_600_000, min: 1, description: 'Chu kỳ chuyển nhật ký vào lưu trữ (ms)' }),
};

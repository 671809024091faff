/**
 * Vietnamese labels of the stable codes the API returns: one table for the console (bundled into
 * its browser code from src/console/ui/labels.ts) and the CLI's tables. Codes stay English in
 * the API; people read these.
 */
export const PACKET_STATE: Record<string, string> = {
  queued: 'Chờ gửi',
  sending: 'Đang gửi',
  delivered: 'Đã gửi',
  acknowledged: 'Đã xác nhận',
  rejected: 'Bị từ chối',
  dead: 'Thư chết',
  sent_via_fallback: 'Gửi qua dự phòng',
  reconciled: 'Đã đối soát',
};
export const CHANNEL: Record<string, string> = {
  national: 'Kênh chính (HTTB Chính phủ)',
  edoc: 'Kênh dự phòng (QLVBĐH)',
  ministry: 'Bộ, ngành',
  archive: 'Lưu trữ (QLVBĐH)',
  email: 'Thư điện tử',
  webhook: 'Webhook',
};
/** The 13 QCVN 125 packet types (docs/exchange.md), in the order of PACKET_TYPES (src/exchange/packets/types.ts). */
export const PACKET_TYPE: Record<string, string> = {
  'report-regime': 'Chế độ báo cáo',
  'report-form': 'Biểu mẫu báo cáo',
  'outline-form': 'Biểu mẫu đề cương',
  'report-data': 'Số liệu báo cáo',
  'list-report-data': 'Số liệu dạng danh sách',
  'outline-submission': 'Báo cáo theo đề cương',
  'report-status': 'Trạng thái báo cáo',
  'period-catalog': 'Danh mục kỳ báo cáo',
  'indicator-catalog': 'Danh mục chỉ tiêu',
  'kpi-set': 'Bộ chỉ tiêu',
  'kpi-group-catalog': 'Danh mục nhóm chỉ tiêu',
  'kpi-disaggregation-catalog': 'Danh mục phân tổ',
  'kpi-data': 'Dữ liệu chỉ tiêu',
};
/** A circuit's state as a noun phrase that reads after "Cầu dao …: ". */
export const CIRCUIT: Record<string, string> = {
  closed: 'đóng (bình thường)',
  half_open: 'nửa mở (đang thử lại)',
  open: 'mở (đã ngắt kết nối)',
};
export const QUEUE: Record<string, string> = {
  national: 'Gửi HTTB Chính phủ',
  edoc: 'Gửi QLVBĐH (dự phòng)',
  outbox: 'Hộp thư đi',
  delivery: 'Hàng đợi gửi',
  archive: 'Lưu trữ QLVBĐH',
  notifications: 'Thông báo',
  waiting: 'Gói tin chờ gửi',
};
export const TIMELINESS: Record<string, string> = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp', pending: 'Chưa đến hạn' };

/** Why a packet is stuck, by the delivery engine's stable error code, and what ops should do. */
export const DELIVERY_ERROR: Record<string, { reason: string; action: string }> = {
  NATIONAL_UNREACHABLE: {
    reason: 'Không kết nối được Hệ thống báo cáo Chính phủ',
    action: 'Chờ kênh chính phục hồi; quá 3 giờ làm việc hệ thống tự gửi qua QLVBĐH',
  },
  NATIONAL_SERVER_ERROR: {
    reason: 'Hệ thống báo cáo Chính phủ báo lỗi máy chủ',
    action: 'Hệ thống tự thử lại; nếu kéo dài, liên hệ Văn phòng Chính phủ',
  },
  NATIONAL_RATE_LIMITED: {
    reason: 'Hệ thống báo cáo Chính phủ yêu cầu gửi chậm lại (429)',
    action: 'Không cần xử lý: hệ thống tự gửi lại sau',
  },
  NATIONAL_SIGNATURE_REJECTED: {
    reason: 'Hệ thống báo cáo Chính phủ từ chối chữ ký số',
    action: 'Kiểm tra chứng thư số của cơ quan rồi chạy lại',
  },
  NATIONAL_SCHEMA_REJECTED: {
    reason: 'Gói tin không đúng cấu trúc QCVN 125',
    action: 'Kiểm tra ánh xạ chỉ tiêu (lienthong mappings check) rồi chạy lại',
  },
  NATIONAL_REQUEST_REJECTED: { reason: 'Hệ thống báo cáo Chính phủ từ chối yêu cầu', action: 'Xem chi tiết lỗi, sửa rồi chạy lại' },
  NATIONAL_REJECTED: { reason: 'Hệ thống báo cáo Chính phủ từ chối báo cáo', action: 'Xem lý do, đơn vị đính chính rồi gửi lại' },
  NATIONAL_RESPONSE_INVALID: {
    reason: 'Phản hồi của Hệ thống báo cáo Chính phủ không hợp lệ',
    action: 'Chạy lại; nếu lặp lại, báo nhà cung cấp',
  },
  NATIONAL_RECEIPT_UNKNOWN: { reason: 'Biên nhận không khớp gói tin đã gửi', action: 'Đối chiếu với Văn phòng Chính phủ' },
  NATIONAL_IDEMPOTENCY_CONFLICT: { reason: 'Gói tin trùng mã với gói đã gửi', action: 'Kiểm tra gói tin trùng, không chạy lại' },
  EDOC_UNREACHABLE: { reason: 'Không kết nối được hệ thống QLVBĐH', action: 'Kiểm tra kết nối tới QLVBĐH; hệ thống tự thử lại' },
  EDOC_SERVER_ERROR: { reason: 'Hệ thống QLVBĐH báo lỗi máy chủ', action: 'Hệ thống tự thử lại; nếu kéo dài, liên hệ quản trị QLVBĐH' },
  EDOC_RATE_LIMITED: { reason: 'Hệ thống QLVBĐH yêu cầu gửi chậm lại', action: 'Không cần xử lý: hệ thống tự gửi lại sau' },
  EDOC_AUTH_REJECTED: { reason: 'QLVBĐH từ chối xác thực', action: 'Kiểm tra EDOC_SYSTEM_ID / EDOC_SECRET rồi chạy lại' },
  EDOC_REFUSED: { reason: 'QLVBĐH từ chối văn bản', action: 'Xem lý do rồi chạy lại' },
  EDOC_REQUEST_REJECTED: { reason: 'QLVBĐH từ chối yêu cầu', action: 'Xem chi tiết lỗi, sửa rồi chạy lại' },
  EDOC_DOCUMENT_INVALID: { reason: 'Văn bản edXML không hợp lệ', action: 'Báo nhà cung cấp; không chạy lại' },
  EDOC_RESPONSE_INVALID: { reason: 'Phản hồi của QLVBĐH không hợp lệ', action: 'Chạy lại; nếu lặp lại, báo nhà cung cấp' },
  // Set by the worker when it holds a packet back without calling the channel: the cause is the
  // failures that opened the circuit (or the receiver's Retry-After), shown on the circuit tab.
  CIRCUIT_OPEN: {
    reason: 'Kênh tạm ngắt (cầu dao mở) sau nhiều lần gửi lỗi liên tiếp',
    action: 'Chờ kênh phục hồi, cầu dao tự thử lại; báo cáo quá 3 giờ làm việc tự gửi qua QLVBĐH',
  },
  CHANNEL_THROTTLED: { reason: 'Hệ thống nhận yêu cầu chờ trước khi gửi tiếp', action: 'Không cần xử lý: hệ thống tự gửi lại sau' },
  CHANNEL_TIMEOUT: { reason: 'Hết thời gian chờ phản hồi', action: 'Hệ thống tự thử lại' },
  CHANNEL_NOT_CONFIGURED: { reason: 'Kênh gửi chưa được cấu hình', action: 'Cấu hình kênh (NATIONAL_URL / EDOC_URL) rồi chạy lại' },
  CHANNEL_ERROR: { reason: 'Lỗi kênh gửi', action: 'Xem chi tiết lỗi rồi chạy lại' },
  PACKET_SCHEMA_INVALID: { reason: 'Gói tin không qua kiểm tra cấu trúc', action: 'Kiểm tra ánh xạ chỉ tiêu rồi chạy lại' },
};

/** What to do with a packet in a state when no error explains it. */
export const STATE_ACTION: Record<string, string> = {
  queued: 'Chờ hệ thống gửi; nếu quá lâu, xem cầu dao và hàng đợi',
  sending: 'Đang gửi, không cần xử lý',
  dead: 'Hết số lần thử: sửa nguyên nhân rồi bấm Chạy lại',
  rejected: 'Bị từ chối: xem lý do, sửa rồi Chạy lại',
  sent_via_fallback: 'Đã gửi qua QLVBĐH: sẽ tự đối soát khi kênh chính phục hồi',
};

export function errorReason(code: string | null, fallbackMessage: string | null): string {
  if (!code) return fallbackMessage ?? '';
  return DELIVERY_ERROR[code]?.reason ?? `Lỗi ${code}`;
}

export function actionFor(state: string, code: string | null): string {
  const byCode = code ? DELIVERY_ERROR[code]?.action : undefined;
  if (state === 'dead' || state === 'rejected') return byCode ? `${byCode}` : STATE_ACTION[state]!;
  return byCode ?? STATE_ACTION[state] ?? '';
}

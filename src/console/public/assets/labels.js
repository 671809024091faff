// Vietnamese labels of the stable codes the API returns.
export const PACKET_STATE = {
  queued: 'Chờ gửi', sending: 'Đang gửi', delivered: 'Đã gửi', acknowledged: 'Đã xác nhận',
  rejected: 'Bị từ chối', dead: 'Thư chết', sent_via_fallback: 'Gửi qua dự phòng', reconciled: 'Đã đối soát',
};
export const STATE_TONE = {
  queued: 'info', sending: 'info', delivered: 'ok', acknowledged: 'ok', rejected: 'bad', dead: 'bad', sent_via_fallback: 'warn', reconciled: 'ok',
};
export const CHANNEL = { national: 'Kênh chính', edoc: 'Kênh dự phòng (QLVBĐH)', ministry: 'Bộ, ngành' };
export const CIRCUIT = { closed: 'Đóng (bình thường)', half_open: 'Nửa mở (đang thử lại)', open: 'Mở (ngắt kết nối)' };
export const CIRCUIT_TONE = { closed: 'ok', half_open: 'warn', open: 'bad' };
export const TIMELINESS = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp', pending: 'Chưa đến hạn' };
export const TIMELINESS_TONE = { on_time: 'ok', late: 'warn', missing: 'bad', pending: 'info' };
export const ROLE = {
  admin: 'Quản trị', leader: 'Lãnh đạo', data_entry: 'Nhập liệu', clerk: 'Văn thư', ops: 'Vận hành', ministry_client: 'Hệ thống bộ, ngành',
};
export const QUEUE = { national: 'Gửi Hệ thống báo cáo Chính phủ', edoc: 'Gửi QLVBĐH (dự phòng)', outbox: 'Hộp thư đi (outbox)' };

/** The route a report took: primary, fallback, or reconciled after a fallback. */
export function routeBadge(state, channel) {
  if (state === 'reconciled') return ['đã đối soát', 'ok'];
  if (state === 'sent_via_fallback' || channel === 'edoc') return ['dự phòng', 'warn'];
  return ['chính', 'info'];
}
export const COLUMN = {
  PLAN: 'Kế hoạch năm', THIS_PERIOD: 'Thực hiện kỳ báo cáo', YTD: 'Lũy kế từ đầu năm', PCT_SAME_PERIOD: 'So với cùng kỳ năm trước (%)',
};

/** Every text a person reads is Vietnamese: stable error codes → messages (the code follows in small print). */
const ERRORS: Record<string, string> = {
  AUTH_REQUIRED: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  CSRF_INVALID: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang.',
  ROLE_FORBIDDEN: 'Vai trò của bạn không được thực hiện thao tác này.',
  ORG_SCOPE_FORBIDDEN: 'Báo cáo này thuộc đơn vị ngoài phạm vi của bạn.',
  WORKFLOW_TRANSITION_INVALID:
    'Trạng thái hiện tại của báo cáo không cho phép thao tác này (có thể người khác vừa xử lý). Vui lòng tải lại.',
  WORKFLOW_PARTY_FORBIDDEN: 'Đơn vị của bạn không được thực hiện thao tác này với báo cáo.',
  WORKFLOW_ROLE_FORBIDDEN: 'Vai trò của bạn không được thực hiện thao tác này với báo cáo.',
  RETURN_REASON_REQUIRED: 'Phải ghi rõ lý do trả lại.',
  CORRECTION_REASON_REQUIRED: 'Phải ghi rõ lý do đính chính.',
  CORRECTION_VALUES_REQUIRED: 'Đề nghị đính chính phải có số liệu đã sửa.',
  REASON_REQUIRED: 'Phải ghi rõ lý do.',
  SIGNATURE_REQUIRED: 'Phê duyệt cần chữ ký số của lãnh đạo.',
  SIGNATURE_INVALID: 'Chữ ký số không có hoặc không hợp lệ: báo cáo không được gửi.',
  CONSOLIDATION_REQUIRED: 'Đơn vị có đơn vị cấp dưới: cần tổng hợp số liệu trước khi trình.',
  FORM_CONSTRAINTS_VIOLATED: 'Số liệu chưa thỏa các ràng buộc của biểu mẫu.',
  SUBMISSION_NOT_EDITABLE: 'Báo cáo đã trình hoặc đã duyệt: không sửa được.',
  SUBMISSION_EXISTS: 'Báo cáo của kỳ này đã được tạo.',
  SUBMISSION_NOT_FOUND: 'Không tìm thấy báo cáo.',
  ASSIGNMENT_NOT_FOUND: 'Không tìm thấy nhiệm vụ báo cáo.',
  ASSIGNMENT_CLOSED: 'Kỳ báo cáo đã khóa nhận số liệu.',
  ENTRY_LOCKED: 'Đã hết hạn nhập liệu: số liệu không được sửa hay trình cho đến khi cấp trên đồng ý gia hạn.',
  EXTENSION_DATE_TOO_EARLY: 'Ngày xin gia hạn phải sau hạn nộp hiện hành và không ở quá khứ.',
  EXTENSION_DATE_INVALID: 'Ngày gia hạn không hợp lệ.',
  EXTENSION_REASON_REQUIRED: 'Phải ghi rõ lý do.',
  EXTENSION_ALREADY_PENDING: 'Đơn vị đã có một đề nghị gia hạn đang chờ xem xét.',
  EXTENSION_ALREADY_DECIDED: 'Đề nghị gia hạn này đã được xử lý (có thể người khác vừa quyết định). Vui lòng tải lại.',
  EXTENSION_DECIDE_FORBIDDEN: 'Đơn vị không tự gia hạn cho mình: cấp trên quyết định.',
  EXTENSION_REQUEST_FORBIDDEN: 'Chỉ cán bộ của đơn vị được giao mới đề nghị gia hạn.',
  EXTENSION_NO_DEADLINE: 'Nhiệm vụ báo cáo này không có hạn nộp.',
  EXTENSION_NOT_FOUND: 'Không tìm thấy đề nghị gia hạn.',
  SECRET_REPORT_FORBIDDEN: 'Báo cáo có nội dung mật không được gửi qua hệ thống.',
  FORM_NOT_LIST: 'Biểu mẫu này không phải biểu dạng danh sách.',
  VALUE_CELL_UNKNOWN: 'Ô số liệu không có trong biểu mẫu.',
  CELL_COMMENT_EMPTY: 'Nội dung ý kiến không được để trống.',
  CELL_COMMENT_NOT_DATA: 'Chỉ báo cáo số liệu có ý kiến theo từng ô.',
  NO_SUB_UNITS: 'Đơn vị không có đơn vị cấp dưới để tổng hợp.',
  ATTACHMENT_TOO_LARGE: 'Tệp đính kèm quá lớn.',
  ATTACHMENT_BASE64_INVALID: 'Tệp đính kèm không đọc được.',
  TEXT_ENCODING_UNSUPPORTED: 'Văn bản dùng bảng mã cũ không chuyển đổi được; hãy dùng Unicode.',
  REQUEST_INVALID: 'Dữ liệu gửi lên không hợp lệ.',
  BODY_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  NETWORK_UNREACHABLE: 'Không kết nối được máy chủ. Số liệu được giữ trên máy và sẽ gửi khi có mạng.',
  XLSX_INVALID: 'Tệp Excel không đúng mẫu của biểu.',
  XLSX_FORM_MISMATCH: 'Tệp Excel là của biểu mẫu khác.',
  PUBLICATION_NOT_APPROVED: 'Chỉ công khai được số liệu đã được duyệt.',
  RECEIVER_NOT_NATIONAL: 'Báo cáo này gửi đến đơn vị trong tỉnh, không gửi Hệ thống báo cáo Chính phủ.',
  RATE_LIMITED: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
};

export function errorMessage(code: string, fallback?: string): string {
  if (ERRORS[code]) return ERRORS[code];
  if (code.startsWith('HTTP_5') || code === 'INTERNAL_ERROR') return 'Máy chủ gặp sự cố. Vui lòng thử lại sau.';
  return fallback && /[À-ỹ]/.test(fallback) ? fallback : 'Không thực hiện được thao tác.';
}

/** Workflow states as the staff say them (Kon Tum 8-9). `not_started`: no report opened yet. */
export const STATE_LABEL: Record<string, string> = {
  not_started: 'Chưa nhập',
  draft: 'Đang nhập',
  submitted: 'Đã trình',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
  sent: 'Đã gửi',
  accepted: 'Đã tiếp nhận',
  refused: 'Bị từ chối',
  recalled: 'Đã thu hồi',
};

export const ACTION_LABEL: Record<string, string> = {
  submit: 'Trình lãnh đạo',
  approve: 'Phê duyệt và ký số',
  return: 'Trả lại',
  reject_signature: 'Trả lại (chữ ký không hợp lệ)',
  dispatch: 'Kiểm tra chữ ký và gửi',
  accept: 'Tiếp nhận',
  recall: 'Thu hồi',
  request_correction: 'Đính chính',
  consolidate: 'Tổng hợp',
  create: 'Tạo báo cáo',
  refuse: 'Từ chối',
};

export const ROLE_LABEL: Record<string, string> = {
  admin: 'Quản trị',
  leader: 'Lãnh đạo',
  data_entry: 'Nhập liệu',
  clerk: 'Văn thư',
  ops: 'Vận hành',
  ministry_client: 'Hệ thống bộ ngành',
};

export const VIOLATION_LABEL: Record<string, string> = {
  CELL_REQUIRED: 'Bắt buộc nhập',
  SUM_MISMATCH: 'Tổng không khớp',
  EQUALS_MISMATCH: 'Không bằng nhau',
  OUT_OF_RANGE: 'Ngoài khoảng cho phép',
  RATIO_MISMATCH: 'Tỷ lệ không đúng',
  CELL_NOT_NUMBER: 'Không phải số',
  CELL_UNKNOWN: 'Ô không có trong biểu',
};

/** The gateway's own actors, as a person reads them. */
const SYSTEM_ACTOR_LABEL: Record<string, string> = {
  'system:auto-dispatch': 'Hệ thống (tự động gửi sau phê duyệt)',
  'system:final-receiver': 'Hệ thống (đơn vị nhận cuối tiếp nhận)',
  'system:national': 'Hệ thống báo cáo Chính phủ',
  'system:edoc': 'Hệ thống quản lý văn bản (edXML)',
};

/**
 * Who acted, in words: the account's display name; a system actor by what it is; a change made
 * outside the application by the database role; an id no account has any more, as it is.
 */
export function actorLabel(id: string, name?: string | null): string {
  if (name) return name;
  if (id.startsWith('database:')) return `ngoài ứng dụng (${id.slice('database:'.length)})`;
  if (id.startsWith('system:')) return SYSTEM_ACTOR_LABEL[id] ?? 'Hệ thống';
  // The demo's traffic acts as demo:<role>@<unit> (no account behind it).
  const demo = /^demo:([a-z_]+)@/.exec(id);
  if (demo) return `Dữ liệu mẫu (${(ROLE_LABEL[demo[1]!] ?? demo[1]!).toLowerCase()})`;
  return id;
}

import type { SubmissionState } from './types.js';

/** A report's workflow state as a file or a message names it in Vietnamese. */
export const STATE_LABELS_VI: Readonly<Record<SubmissionState, string>> = {
  draft: 'Đang nhập liệu',
  submitted: 'Đã trình',
  returned: 'Bị trả lại',
  approved: 'Đã phê duyệt',
  sent: 'Đã gửi',
  accepted: 'Đã được tiếp nhận',
  refused: 'Bị từ chối',
};

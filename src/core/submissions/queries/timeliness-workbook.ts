import ExcelJS from 'exceljs';
import type { SpanTimeliness, TimelinessStatus } from './timeliness.js';

export const TIMELINESS_LABELS: Record<TimelinessStatus, string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  missing: 'Chưa gửi (quá hạn)',
  not_yet_due: 'Chưa đến hạn',
  refused: 'Bị từ chối',
};

const SPAN_LABELS = { month: 'Tháng', quarter: 'Quý', half_year: '6 tháng', year: 'Năm' } as const;

export function spanLabel(t: Pick<SpanTimeliness, 'span'>): string {
  const { kind, year, index } = t.span;
  return kind === 'year' ? `Năm ${year}` : `${SPAN_LABELS[kind]} ${index}/${year}`;
}

/**
 * The timeliness of a span as a workbook for the annual evaluation (Hòa Bình 22, Hải Phòng 16):
 * sheet "Tổng hợp" one line per unit (counts and the on-time rate), sheet "Chi tiết" one line
 * per assignment (period, form, deadline, when the measured step was reached, status).
 */
export function buildTimelinessWorkbook(t: SpanTimeliness, nameOf: (orgUnitId: string) => string, generatedAt: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lienthong';
  wb.created = generatedAt;
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow([`Tính kịp thời của báo cáo — ${spanLabel(t)}`]).font = { bold: true, size: 13 };
  summary.addRow([
    `Các kỳ: ${t.periodKeys.join(', ')}`,
    '',
    '',
    `Tính đến ngày: ${t.asOf}`,
    '',
    t.regimeCode ? `Chế độ: ${t.regimeCode}` : '',
  ]);
  summary.addRow([
    'Mã đơn vị',
    'Đơn vị',
    'Đúng hạn',
    'Trễ hạn',
    'Chưa gửi (quá hạn)',
    'Bị từ chối',
    'Chưa đến hạn',
    'Đã đến hạn',
    'Tỷ lệ đúng hạn (%)',
  ]).font = { bold: true };
  for (const u of t.units) {
    summary.addRow([u.orgUnitId, nameOf(u.orgUnitId), u.onTime, u.late, u.missing, u.refused, u.notYetDue, u.due, u.onTimeRate]);
  }
  summary.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 16));
  const detail = wb.addWorksheet('Chi tiết');
  detail.addRow([
    'Kỳ',
    'Mã đơn vị',
    'Đơn vị',
    'Biểu mẫu',
    'Hạn gửi',
    'Bước tính',
    'Thời điểm',
    'Trạng thái báo cáo',
    'Tính kịp thời',
  ]).font = { bold: true };
  for (const r of t.rows) {
    detail.addRow([
      r.periodKey,
      r.orgUnitId,
      nameOf(r.orgUnitId),
      r.formCode,
      r.deadline ?? '',
      r.step === 'sent' ? 'Gửi đơn vị nhận' : 'Trình lãnh đạo',
      r.measuredAt ?? '',
      r.state ?? '',
      TIMELINESS_LABELS[r.status],
    ]);
  }
  detail.columns.forEach((c, i) => (c.width = i === 2 ? 40 : 18));
  return wb;
}

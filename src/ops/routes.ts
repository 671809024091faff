import { Router, type Request, type Response } from 'express';
import { principalOf, type Principal, type Role } from '../http/principal.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';
import { auditActionLabel } from './audit-labels.js';
import { toCsv, toXlsx, type Column } from './exports.js';
import type { AuditEntryView, OpsService } from './ops-service.js';
import { instant, limit, token } from './query-params.js';
import type { UnitUsage } from './usage-stats.js';
import type { AuditQuery } from './audit-viewer.js';

const READERS: Role[] = ['ops', 'admin'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function requireRole(req: Request, roles: Role[], what: string): Principal {
  const p = principalOf(req);
  if (!p.roles.some((r) => roles.includes(r))) {
    throw new ForbiddenError('OPS_ROLE_FORBIDDEN', `Role ${roles.join(' or ')} required to ${what}`, { required: roles });
  }
  return p;
}

function auditFilter(req: Request): Omit<AuditQuery, 'limit'> {
  const from = instant(req, 'from');
  const to = instant(req, 'to');
  return {
    ...(token(req, 'actor') ? { actor: token(req, 'actor') } : {}),
    ...(token(req, 'action') ? { action: token(req, 'action') } : {}),
    ...(token(req, 'orgUnitId') ? { orgUnitId: token(req, 'orgUnitId') } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(token(req, 'cursor') ? { cursor: token(req, 'cursor') } : {}),
  };
}

const AUDIT_COLUMNS: Column<AuditEntryView>[] = [
  { header: 'Số thứ tự', value: (e) => e.seq, width: 10 },
  { header: 'Thời gian', value: (e) => e.at, width: 26 },
  { header: 'Người thực hiện', value: (e) => e.actorName ?? e.actor, width: 30 },
  { header: 'Mã người thực hiện', value: (e) => e.actor, width: 30 },
  { header: 'Hành động', value: (e) => auditActionLabel(e.action), width: 30 },
  { header: 'Mã hành động', value: (e) => e.action, width: 26 },
  { header: 'Đối tượng', value: (e) => e.subject, width: 30 },
  { header: 'Đơn vị', value: (e) => e.orgUnitName, width: 30 },
  { header: 'Địa chỉ IP', value: (e) => e.ip, width: 16 },
  { header: 'Mã tương quan', value: (e) => e.correlationId, width: 36 },
  { header: 'Chi tiết', value: (e) => JSON.stringify(e.details), width: 60 },
];

export const USAGE_COLUMNS: Column<UnitUsage>[] = [
  { header: 'Đơn vị', value: (u) => u.orgUnitName, width: 36 },
  { header: 'Lượt đăng nhập', value: (u) => u.logins },
  { header: 'Tài khoản hoạt động', value: (u) => u.activeAccounts },
  { header: 'Tài khoản bị khoá', value: (u) => u.disabledAccounts },
  { header: 'Báo cáo được giao', value: (u) => u.assigned },
  { header: 'Báo cáo đã nhập', value: (u) => u.entered },
  { header: 'Báo cáo đã gửi', value: (u) => u.submitted },
  { header: 'Đúng hạn', value: (u) => u.onTime },
  { header: 'Trễ hạn', value: (u) => u.late },
  { header: 'Chưa nộp', value: (u) => u.missing },
  { header: 'Chưa đến hạn', value: (u) => u.pending },
  { header: 'Đính chính', value: (u) => u.corrections },
];

function sendFile(res: Response, name: string, type: string, body: string | Buffer): void {
  res.set('content-disposition', `attachment; filename="${name}"`).type(type).send(body);
}

/**
 * `/api/v1/ops/*` (contracts/openapi/ops.yaml): audit viewer and export, audit chain check,
 * usage statistics and their workbook, operational monitoring data for the IOC, chart series.
 */
export function opsRouter(service: OpsService, now: () => Date): Router {
  const r = Router();
  r.get('/audit', async (req, res) => {
    const p = requireRole(req, READERS, 'read the audit log');
    res.json(await service.audit(p, { ...auditFilter(req), limit: limit(req, 50, 500) }));
  });
  r.get('/audit/export', async (req, res) => {
    const p = requireRole(req, READERS, 'export the audit log');
    const format = token(req, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw new ValidationError('EXPORT_FORMAT_INVALID', 'format must be csv or xlsx');
    const { cursor: _ignored, ...filter } = auditFilter(req);
    const entries = await service.auditAll(p, filter);
    if (format === 'csv') sendFile(res, 'nhat-ky-he-thong.csv', 'text/csv; charset=utf-8', toCsv(entries, AUDIT_COLUMNS));
    else
      sendFile(
        res,
        'nhat-ky-he-thong.xlsx',
        XLSX,
        await toXlsx([{ name: 'Nhật ký', rows: entries, columns: AUDIT_COLUMNS as Column<never>[] }]),
      );
  });
  r.get('/audit/verify', async (req, res) => {
    requireRole(req, READERS, 'verify the audit log');
    res.json(await service.verifyChains());
  });
  r.get('/usage', async (req, res) => {
    const p = requireRole(req, READERS, 'read usage statistics');
    res.json(await service.usage(p, token(req, 'from', true)!, token(req, 'to') ?? token(req, 'from', true)!));
  });
  r.get('/usage/export', async (req, res) => {
    const p = requireRole(req, READERS, 'export usage statistics');
    const report = await service.usage(p, token(req, 'from', true)!, token(req, 'to') ?? token(req, 'from', true)!);
    const totals: UnitUsage = { orgUnitId: '', orgUnitName: 'Tổng cộng', ...report.totals };
    const book = await toXlsx([
      { name: 'Thống kê sử dụng', rows: [...report.units, totals], columns: USAGE_COLUMNS as Column<never>[] },
      {
        name: 'Thông tin',
        rows: [
          ['Từ kỳ', report.fromPeriod],
          ['Đến kỳ', report.toPeriod],
          ['Các kỳ', report.periods.join(', ')],
          ['Đăng nhập và đính chính tính từ', report.from],
          ['đến trước', report.to],
        ],
        columns: [
          { header: 'Mục', value: (x: string[]) => x[0]!, width: 34 },
          { header: 'Giá trị', value: (x: string[]) => x[1]!, width: 60 },
        ] as Column<never>[],
      },
    ]);
    sendFile(res, `thong-ke-su-dung-${report.fromPeriod}-${report.toPeriod}.xlsx`, XLSX, book);
  });
  r.get('/operational-data', async (req, res) => {
    requireRole(req, READERS, 'read operational data');
    // The gateway's clock, not the process's: the default hour is the one the records were stamped in.
    const to = instant(req, 'to', now())!;
    const from = instant(req, 'from', new Date(to.getTime() - 3600_000))!;
    if (from >= to) throw new ValidationError('TIME_RANGE_INVALID', 'from must be before to');
    const cursor = token(req, 'cursor');
    if (cursor && !/^\d{1,15}:\d{1,18}$/.test(cursor)) throw new ValidationError('CURSOR_INVALID', 'cursor is malformed');
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      ...(await service.operationalData({ from, to, limit: limit(req, 500, 5000), ...(cursor ? { cursor } : {}) })),
    });
  });
  r.get('/charts', async (req, res) => {
    const p = requireRole(req, ['ops', 'admin', 'leader'], 'view charts');
    const hours = Number(token(req, 'hours') ?? 24);
    if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 14)
      throw new ValidationError('HOURS_INVALID', 'hours must be an integer from 1 to 336');
    res.json(await service.charts(p, hours));
  });
  return r;
}

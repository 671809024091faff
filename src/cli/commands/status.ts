import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { AttentionRow } from '../../console/attention.js';
import { formatSyncStatus } from '../../console/sync-status.js';
import type { ResponseOf } from '../../shared/api-client.js';
import { runningGateway } from '../gateway-client.js';
import { formatAge } from '../output.js';
import { opsCommandConfig, withStoreGateway } from '../store-gateway.js';

/** The console's overview as the contract types it; the store path answers the same shape. */
type Status = ResponseOf<'get', '/api/v1/console/overview'>;

/** No gateway runs: open the store read-only-ish (no simulators, demo, workers) and ask the same services. */
async function fromStore(config: Config, period?: string): Promise<{ status: Status; attention: AttentionRow[] }> {
  const { syncStatus } = await import('../../console/sync-status.js');
  const { attentionRows } = await import('../../console/attention.js');
  return withStoreGateway(config, async (gateway) => {
    const { delivery, core } = gateway.ctx.services;
    const units = await core.orgUnits.repo.list();
    const names = new Map(units.map((u) => [u.id, u.name]));
    const status = await syncStatus(delivery, period);
    const attention = await attentionRows(
      delivery,
      gateway.ctx.now(),
      () => true,
      (id) => names.get(id) ?? id,
    );
    return {
      status: { ...status, reports: status.reports.map((r) => ({ ...r, orgUnitName: names.get(r.orgUnitId) ?? r.orgUnitId })) },
      attention,
    };
  });
}

/**
 * `lienthong status [--period P] [--json]`: what needs attention (every period), then the sync
 * summary (packets per state and channel, queue depths, circuits, one line per report). Asks
 * the running gateway's API when one runs (its live circuits and queues), otherwise opens the
 * store itself.
 */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Tổng quan đồng bộ: việc cần xử lý, gói tin theo trạng thái, kênh, hàng đợi, cầu dao và báo cáo')
    .option('--period <key>', 'chỉ kỳ này, ví dụ 2027-M01')
    .option('--json', 'in JSON thay cho bảng')
    .action(async (opts: { period?: string; json?: boolean }) => {
      const config = opsCommandConfig();
      const gateway = await runningGateway(config);
      const { status, attention } = gateway
        ? {
            status: await gateway.api.get('/api/v1/console/overview', { params: { query: { periodKey: opts.period } } }),
            attention: (await gateway.api.get('/api/v1/console/attention')).rows,
          }
        : await fromStore(config, opts.period);
      const source = gateway ? 'gateway' : 'store';
      if (opts.json) {
        console.log(JSON.stringify({ ...status, attention, source }, null, 2));
        return;
      }
      const names = new Map(status.reports.map((r) => [r.orgUnitId, r.orgUnitName]));
      console.log(formatSyncStatus(status, (id) => names.get(id) ?? id, attention, formatAge));
      console.log(`\n(nguồn: ${gateway ? `gateway đang chạy ${gateway.url}` : 'đọc trực tiếp cơ sở dữ liệu'})`);
    });
}

import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { AttentionRow } from '../../console/attention.js';
import { formatSyncStatus, STATUS_LIST_ROWS } from '../../console/sync-status.js';
import type { ResponseOf } from '../../shared/api-client.js';
import { runningGateway, type GatewayClient } from '../gateway-client.js';
import { formatAge } from '../output.js';
import { opsCommandConfig } from '../store-gateway.js';

/** The console's overview as the contract types it; the store path answers the same shape (tsc checks it). */
type Status = ResponseOf<'get', '/api/v1/console/overview'>;

/**
 * No gateway runs: read the store with the delivery and org-unit read services only (no
 * simulators, demo, workers, nor the rest of the assembly), one page of each list (the text
 * prints STATUS_LIST_ROWS of each and reads one more to know there are more).
 */
async function fromStore(config: Config, period?: string): Promise<{ status: Status; attention: AttentionRow[]; capped: boolean }> {
  const { statusFromStore } = await import('../status-store.js');
  return statusFromStore(config, period, STATUS_LIST_ROWS);
}

/** A running gateway answers through the console's API (its live circuits and queues). */
async function fromGateway(
  api: GatewayClient['api'],
  period?: string,
): Promise<{ status: Status; attention: AttentionRow[]; capped: boolean }> {
  const [status, attention] = await Promise.all([
    api.get('/api/v1/console/overview', { params: { query: { periodKey: period } } }),
    api.get('/api/v1/console/attention'),
  ]);
  return { status, attention: attention.rows, capped: apiCapped(attention.rows) };
}

/** The console's attention list stops at 200 per state: a state that filled it has more. */
function apiCapped(rows: AttentionRow[]): boolean {
  const perState = new Map<string, number>();
  for (const r of rows) perState.set(r.state, (perState.get(r.state) ?? 0) + 1);
  return [...perState.values()].some((n) => n >= 200);
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
      const { status, attention, capped } = gateway ? await fromGateway(gateway.api, opts.period) : await fromStore(config, opts.period);
      const source = gateway ? 'gateway' : 'store';
      if (opts.json) {
        console.log(JSON.stringify({ ...status, attention, source }, null, 2));
        return;
      }
      const names = new Map(status.reports.map((r) => [r.orgUnitId, r.orgUnitName]));
      console.log(formatSyncStatus(status, (id) => names.get(id) ?? id, attention, formatAge, { attentionCapped: capped }));
      console.log(`\n(nguồn: ${gateway ? `gateway đang chạy ${gateway.url}` : 'đọc trực tiếp cơ sở dữ liệu'})`);
    });
}

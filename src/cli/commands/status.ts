import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { formatSyncStatus, syncStatus } from '../../console/sync-status.js';
import { createGateway } from '../../gateway/gateway.js';
import { AppError } from '../../shared/errors.js';

/**
 * `lienthong status [--period P] [--json]`: the console's sync summary (packets per state and
 * channel, queue depths, circuits, one line per report) for scripts and terminals. Opens the
 * gateway's storage without starting simulators, demo traffic or background workers.
 */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Tổng quan đồng bộ: gói tin theo trạng thái, kênh, hàng đợi, cầu dao và báo cáo')
    .option('--period <key>', 'only this period, e.g. 2027-M01')
    .option('--json', 'print JSON instead of tables')
    .action(async (opts: { period?: string; json?: boolean }) => {
      // Only reads: no simulators, no demo seed, no demo traffic, no workers (start() is not called).
      const config = loadConfig({ ...process.env, START_SIMULATORS: 'false', SEED_DEMO: 'false', DEMO_TRAFFIC: 'false' });
      const gateway = await createGateway({ config });
      try {
        const delivery = gateway.ctx.services.delivery;
        if (!delivery) throw new AppError('DELIVERY_MODULE_MISSING', 'The delivery module is not started', 500);
        const status = await syncStatus(delivery, opts.period);
        if (opts.json) {
          console.log(JSON.stringify(status, null, 2));
          return;
        }
        const units = status.reports.length > 0 ? ((await gateway.ctx.services.core?.orgUnits.repo.list()) ?? []) : [];
        const names = new Map(units.map((u) => [u.id, u.name]));
        console.log(formatSyncStatus(status, (id) => names.get(id) ?? id));
      } finally {
        await gateway.close();
      }
    });
}

import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createGateway } from '../../gateway/gateway.js';
import { AppError } from '../../shared/errors.js';

/**
 * `lienthong timeliness --period 2027-M01 [--regime CODE] [--json]`: on time / late / missing
 * per org unit (monthly/quarterly usage and timeliness statistics, Lai Châu 26, Hòa Bình 22).
 */
export function registerTimeliness(program: Command): void {
  program
    .command('timeliness')
    .description('Tính kịp thời của báo cáo theo đơn vị cho một kỳ (on time / late / missing)')
    .requiredOption('--period <key>', 'period key, e.g. 2027-M01, 2027-Q1, 2027-Y')
    .option('--regime <code>', 'only this report regime')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { period: string; regime?: string; json?: boolean }) => {
      const config = loadConfig();
      const gateway = await createGateway({ config });
      try {
        const submissions = gateway.ctx.services.submissions;
        if (!submissions) throw new AppError('SUBMISSIONS_MODULE_MISSING', 'The submissions module is not started', 500);
        const report = await submissions.service.timeliness(opts.period, opts.regime);
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        console.table(report.units.map((u) => ({ orgUnitId: u.orgUnitId, status: u.status, onTime: u.onTime, late: u.late, missing: u.missing })));
      } finally {
        await gateway.close();
      }
    });
}

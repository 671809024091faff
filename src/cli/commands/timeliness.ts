import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { textTable } from '../../console/sync-status.js';
import { TIMELINESS } from '../../console/labels-vi.js';
import type { ResponseOf } from '../../shared/api-client.js';
import { runningGateway } from '../gateway-client.js';
import { opsCommandConfig, withStoreGateway } from '../store-gateway.js';

/** The console's timeliness as the contract types it; the store path answers the same shape. */
type Report = ResponseOf<'get', '/api/v1/console/timeliness'>;

/** No gateway runs: the workflow's own service over the store, without simulators, demo or workers. */
async function fromStore(config: Config, period: string, regime?: string): Promise<Report> {
  const { timelinessAsOf } = await import('../../console/timeliness-view.js');
  const { localDateOf } = await import('../../core/calendar/index.js');
  return withStoreGateway(config, async (gateway) => {
    const { submissions, core } = gateway.ctx.services;
    const units = await core.orgUnits.repo.list();
    const report = timelinessAsOf(await submissions.service.timeliness(period, regime), localDateOf(gateway.ctx.now()));
    return { ...report, names: Object.fromEntries(units.map((u) => [u.id, u.name])) };
  });
}

/**
 * `lienthong timeliness --period 2027-M01 [--regime CODE] [--json]`: on time / late / missing /
 * not yet due per org unit (Lai Châu 26, Hòa Bình 22), as the console shows it.
 */
export function registerTimeliness(program: Command): void {
  program
    .command('timeliness')
    .description('Tính kịp thời của báo cáo theo đơn vị cho một kỳ (đúng hạn, trễ hạn, chưa nộp, chưa đến hạn)')
    .requiredOption('--period <key>', 'mã kỳ, ví dụ 2027-M01, 2027-Q1, 2027-Y')
    .option('--regime <code>', 'chỉ chế độ báo cáo này')
    .option('--json', 'in JSON thay cho bảng')
    .action(async (opts: { period: string; regime?: string; json?: boolean }) => {
      const config = opsCommandConfig();
      const gateway = await runningGateway(config);
      const report = gateway
        ? await gateway.api.get('/api/v1/console/timeliness', { params: { query: { periodKey: opts.period, regimeCode: opts.regime } } })
        : await fromStore(config, opts.period, opts.regime);
      if (opts.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(`Tính kịp thời kỳ ${report.periodKey}${report.asOf ? ` (tính đến ${report.asOf})` : ''}`);
      console.log(
        textTable(
          ['đơn vị', 'đánh giá', 'đúng hạn', 'trễ hạn', 'chưa nộp', 'chưa đến hạn'],
          report.units.map((u) => [
            report.names[u.orgUnitId] ?? u.orgUnitId,
            TIMELINESS[u.status] ?? u.status,
            u.onTime,
            u.late,
            u.missing,
            u.pending,
          ]),
        ),
      );
    });
}

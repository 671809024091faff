import type { Command } from 'commander';
import { withMinistry } from '../support/ministry-runner.js';

/**
 * `lienthong connectors list` and `lienthong connectors run <id> [--period P]`: the declared
 * ministry connectors, and one run now (recorded like a scheduled one). Exit code 1 when the run failed.
 */
export function registerConnectors(program: Command): void {
  const connectors = program.command('connectors').description('Kết nối hệ thống báo cáo Bộ, ngành (list, run)');
  connectors
    .command('list')
    .description('Liệt kê các kết nối đã khai báo')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withMinistry(async (ministry) => {
        const rows = ministry.connectors.definitions.map((d) => ({
          id: d.id,
          ministry: d.ministry,
          direction: d.direction,
          schedule: d.schedule ?? '',
          enabled: d.enabled !== false,
          indicators: d.indicators.join(','),
        }));
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else console.table(rows);
      });
    });
  connectors
    .command('run')
    .description('Chạy một kết nối ngay (kéo hoặc đẩy số liệu)')
    .argument('<id>')
    .option('--period <key>', 'period key, e.g. 2026-H1 (default: per the connector)')
    .action(async (id: string, opts: { period?: string }) => {
      await withMinistry(async (ministry, operator) => {
        const run = await ministry.connectors.run(id, 'manual', operator.id, opts.period);
        console.log(JSON.stringify(run, null, 2));
        if (run.status !== 'succeeded') process.exitCode = 1;
      });
    });
}

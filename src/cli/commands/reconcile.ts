import type { Command } from 'commander';
import { withMinistry } from '../support/ministry-runner.js';
import { ValidationError } from '../../shared/errors.js';

const KIND_LABELS = {
  value_differs: 'Lệch số liệu',
  missing_in_source: 'Thiếu ở hệ thống Bộ',
  missing_in_province: 'Thiếu ở tỉnh',
} as const;

/** `lienthong reconcile --period P --source BNNMT [--tolerance n] [--json]`: the đối soát report. Exit code 1 when differences exist. */
export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('Đối soát số liệu đã phê duyệt của tỉnh với hệ thống nguồn (Bộ, ngành) trong một kỳ')
    .requiredOption('--period <key>', 'period key, e.g. 2026-H1')
    .requiredOption('--source <ministry>', 'ministry code, e.g. BNNMT')
    .option('--tolerance <n>', 'absolute difference treated as equal', '0')
    .option('--json', 'print JSON')
    .action(async (opts: { period: string; source: string; tolerance: string; json?: boolean }) => {
      const tolerance = Number(opts.tolerance);
      if (!(tolerance >= 0)) throw new ValidationError('REQUEST_INVALID', '--tolerance must be a non-negative number');
      await withMinistry(async (ministry, operator) => {
        const report = await ministry.reconciler.report(operator, opts.period, opts.source, tolerance || undefined);
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
        } else {
          console.log(
            `Đối soát ${report.source} kỳ ${report.period}: tỉnh ${report.provinceCells} ô, nguồn ${report.sourceCells} ô, khớp ${report.matched}, chênh lệch ${report.differences.length}`,
          );
          console.table(
            report.differences.map((d) => ({
              loai: KIND_LABELS[d.kind],
              donVi: `${d.orgUnitName} (${d.orgCode})`,
              chiTieu: `${d.indicatorCode} ${d.indicatorName}`,
              cot: d.columnCode,
              phanTo: d.disaggregationKey,
              tinh: d.provinceValue,
              nguon: d.sourceValue,
              chenhLech: d.delta,
              dvt: d.unit,
            })),
          );
        }
        if (report.differences.length > 0) process.exitCode = 1;
      });
    });
}

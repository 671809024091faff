import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withMinistry } from '../support/ministry-runner.js';
import { IMPORT_STRATEGIES, type ImportStrategy, type ImportSummary } from '../../ministry/types.js';
import { ValidationError } from '../../shared/errors.js';

function printSummary(s: ImportSummary): void {
  console.log(
    `Kết quả: ${s.status}${s.dryRun ? ' (chạy thử, không lưu)' : ''} — tổng ${s.total} dòng: thêm mới ${s.importCount.imported}, cập nhật ${s.importCount.updated}, bỏ qua ${s.importCount.ignored}`,
  );
  for (const c of s.conflicts.slice(0, 50)) console.log(`  dòng ${c.row}: ${c.code} — ${c.message}`);
  if (s.conflicts.length > 50) console.log(`  … và ${s.conflicts.length - 50} xung đột khác`);
}

/**
 * `lienthong import <file.csv|file.xlsx> [--kind values|indicators] [--source BNNMT] [--dry-run]
 * [--partial] [--strategy CREATE_AND_UPDATE|CREATE|UPDATE]`: the same import as POST /imports,
 * with a progress bar while values are written. Exit code 1 when the import stored nothing for conflicts.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Nhập danh mục chỉ tiêu hoặc số liệu từ tệp CSV/Excel (xlsx)')
    .argument('<file>', 'CSV or xlsx file')
    .option('--kind <kind>', 'values | indicators', 'values')
    .option('--source <ministry>', 'ministry code of the values (mapping), e.g. BNNMT')
    .option('--dry-run', 'check and count, store nothing')
    .option('--partial', 'store the rows without conflicts (default: all or nothing)')
    .option('--strategy <strategy>', IMPORT_STRATEGIES.join(' | '), 'CREATE_AND_UPDATE')
    .action(async (file: string, opts: { kind: string; source?: string; dryRun?: boolean; partial?: boolean; strategy: string }) => {
      const { formatOfFileName } = await import('../../ministry/files/tabular.js');
      const format = formatOfFileName(file);
      if (!format) throw new ValidationError('FILE_TYPE_UNSUPPORTED', `${basename(file)}: only .csv and .xlsx files are imported`);
      if (opts.kind !== 'values' && opts.kind !== 'indicators')
        throw new ValidationError('REQUEST_INVALID', '--kind must be values or indicators');
      const strategy = opts.strategy.toUpperCase() as ImportStrategy;
      if (!IMPORT_STRATEGIES.includes(strategy))
        throw new ValidationError('REQUEST_INVALID', `--strategy must be one of ${IMPORT_STRATEGIES.join(', ')}`);
      const bytes = readFileSync(file);
      await withMinistry(async (ministry, operator) => {
        const started = await ministry.files.start(operator, {
          kind: opts.kind as 'values' | 'indicators',
          format,
          bytes,
          source: opts.source,
          options: { dryRun: opts.dryRun === true, atomic: opts.partial !== true, importStrategy: strategy },
        });
        const bar = new cliProgress.SingleBar(
          { format: 'Đang nhập [{bar}] {value}/{total} dòng', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(started.total, 0);
        const timer = setInterval(() => bar.update(ministry.progress.get(started.importId)?.processed ?? 0), 200);
        try {
          const summary = await started.done;
          bar.update(started.total);
          bar.stop();
          printSummary(summary);
          if (summary.status === 'ERROR') process.exitCode = 1;
        } finally {
          clearInterval(timer);
          bar.stop();
        }
      });
    });
}

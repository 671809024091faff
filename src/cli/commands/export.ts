import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withMinistry } from '../support/ministry-runner.js';

/** `lienthong export form <code> --period P [--org-unit id] [--out file.xlsx]`: a form as xlsx, as GET /forms/:code/export.xlsx. */
export function registerExport(program: Command): void {
  const exp = program.command('export').description('Xuất dữ liệu ra tệp (biểu mẫu dạng Excel)');
  exp
    .command('form')
    .description('Xuất biểu mẫu của một đơn vị trong một kỳ ra tệp xlsx')
    .argument('<code>', 'form code, e.g. KTXH-THANG-01')
    .requiredOption('--period <key>', 'period key, e.g. 2026-M07')
    .option('--org-unit <id>', 'org unit id (default: the province root)')
    .option('--out <file>', 'output file (default: <form>_<orgCode>_<period>.xlsx)')
    .action(async (code: string, opts: { period: string; orgUnit?: string; out?: string }) => {
      await withMinistry(async (ministry, operator) => {
        const { fileName, bytes } = await ministry.exporter.exportForm(operator, code, opts.period, opts.orgUnit);
        const out = opts.out ?? fileName;
        writeFileSync(out, bytes);
        console.log(`Đã xuất ${out} (${bytes.length} byte)`);
      });
    });
}

import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { REPO_ROOT } from '../../exchange/config.js';
import { checkMappings, type MappingCheckReport } from '../../exchange/mapping/check.js';
import { DEFAULT_CATALOG_FILE, DEFAULT_REGIMES_DIR, readCatalogIndicators, readRegimeForms } from '../../exchange/mapping/catalog-files.js';
import { loadMappings } from '../../exchange/mapping/loader.js';

interface CheckOptions {
  dir?: string;
  catalog?: string;
  regimes?: string;
  json?: boolean;
}

/** Runs the check over every system under the mappings folder (default MAPPINGS_DIR, else the shipped mappings/). */
export function runMappingsCheck(opts: CheckOptions): MappingCheckReport[] {
  const registry = loadMappings(opts.dir ?? loadConfig().settings.MAPPINGS_DIR ?? join(REPO_ROOT, 'mappings'));
  const indicators = readCatalogIndicators(opts.catalog ?? join(REPO_ROOT, DEFAULT_CATALOG_FILE));
  const forms = readRegimeForms(opts.regimes ?? join(REPO_ROOT, DEFAULT_REGIMES_DIR));
  const sets = [registry.national, ...registry.ministries.values()].filter((s) => s.sources.length > 0);
  return sets.map((s) => checkMappings(s, indicators, forms));
}

function printReport(r: MappingCheckReport): void {
  console.log(
    `${r.system} (phiên bản ${r.version}): ${r.mapped} chỉ tiêu đã ánh xạ, ${r.excluded.length} chủ động không ánh xạ, ${r.problems.length} lỗi`,
  );
  for (const e of r.excluded) console.log(`  excluded   ${e.code}: ${e.reason}`);
  for (const p of r.problems) console.log(`  ${p.kind.padEnd(24)} ${p.code}: ${p.message}`);
}

/** `lienthong mappings check [--dir D] [--catalog F] [--regimes D] [--json]`: exit 1 when any problem is found. */
export function registerMappings(program: Command): void {
  const mappings = program.command('mappings').description('Bảng ánh xạ mã chỉ tiêu, đơn vị tính, kỳ, phân tổ (mappings)');
  mappings
    .command('check')
    .description('Kiểm tra ánh xạ: chỉ tiêu chưa ánh xạ, trùng lặp, đơn vị tính không tương thích (exit 1 nếu có lỗi)')
    .option('--dir <dir>', 'mappings folder (national/*.json, ministries/<code>.json); default MAPPINGS_DIR or mappings/')
    .option('--catalog <file>', `provincial indicator catalog, JSON array (default ${DEFAULT_CATALOG_FILE})`)
    .option('--regimes <dir>', `regime files {regime, forms} (default ${DEFAULT_REGIMES_DIR})`)
    .option('--json', 'print the reports as JSON')
    .action((opts: CheckOptions) => {
      const reports = runMappingsCheck(opts);
      if (opts.json) console.log(JSON.stringify(reports, null, 2));
      else reports.forEach(printReport);
      if (reports.some((r) => r.problems.length > 0)) process.exitCode = 1;
    });
}

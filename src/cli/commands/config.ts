import type { Command } from 'commander';
import { describeSettings, type SettingReport } from '../../settings/read-settings.js';

function table(rows: SettingReport[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines: string[] = [];
  let area = '';
  for (const r of rows) {
    if (r.area !== area) {
      area = r.area;
      lines.push('', `[${area}]`);
    }
    const value = r.value ?? '(không đặt)';
    const dflt = r.source === 'env' && r.default !== null ? `  (mặc định: ${r.default})` : '';
    lines.push(`${r.name.padEnd(width)}  ${r.source.padEnd(7)}  ${value}${dflt}  # ${r.description}`);
  }
  return lines.join('\n').trimStart();
}

/**
 * `lienthong config [--json]`: every setting of the schema (src/settings/), its value (secrets
 * masked), its default and where it came from (env or default). Validates them all first: an
 * invalid value fails with CONFIG_INVALID naming the variable, as the gateway's start would.
 */
export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('In mọi cấu hình: giá trị (ẩn bí mật), mặc định, nguồn (env hay mặc định); lỗi CONFIG_INVALID nếu giá trị sai')
    .option('--json', 'in JSON')
    .action((opts: { json?: boolean }) => {
      const rows = describeSettings(process.env);
      if (opts.json) console.log(JSON.stringify({ settings: rows }, null, 2));
      else console.log(table(rows));
    });
}

import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { CoreServices } from './core-services.js';

/** Opens the configured database (migrated) with the core services, runs `fn`, closes. */
async function withCore<T>(fn: (core: CoreServices) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Loaded on use: the CLI starts without the store drivers and calendars for the commands that do not need them.
  const [{ openDatabase }, { vietnamCalendar }, { createCoreServices }, { loadCoreConfig }] = await Promise.all([
    import('../store/open-database.js'),
    import('./calendar/index.js'),
    import('./core-services.js'),
    import('./core-config.js'),
  ]);
  const settings = loadCoreConfig(config);
  const db = await openDatabase(config);
  try {
    return await fn(createCoreServices(db, () => new Date(), vietnamCalendar(settings.holidayOverrides), settings.cutoffRules));
  } finally {
    await db.close();
  }
}

/**
 * `lienthong catalog …`: catalog chores for operators on the configured database
 * (DATABASE_URL, else the PGlite DATA_DIR, which must not be in use by a running gateway).
 */
export function registerCatalog(program: Command): void {
  const catalog = program.command('catalog').description('Danh mục báo cáo: chỉ tiêu, giao báo cáo, hạn nộp');

  catalog
    .command('import-indicators <file>')
    .description('Nhập danh mục chỉ tiêu từ tệp CSV hoặc JSON (tất cả hoặc không gì cả)')
    .action(async (file: string) => {
      const { readIndicatorCatalogFile } = await import('./catalog/indicator-file.js');
      const rows = readIndicatorCatalogFile(file);
      const result = await withCore((core) => core.indicators.import(rows));
      console.log(`Đã thêm ${result.created.length}, cập nhật ${result.updated.length} chỉ tiêu`);
    });

  catalog
    .command('assign')
    .description('Giao báo cáo của một chế độ cho một kỳ (chạy lại không tạo trùng)')
    .requiredOption('--regime <code>', 'report regime code, e.g. KTXH-THANG')
    .requiredOption('--period <key>', 'period key, e.g. 2027-M01')
    .action(async (opts: { regime: string; period: string }) => {
      const created = await withCore((core) => core.assignments.generate(opts.regime, opts.period));
      console.log(`Đã giao ${created.length} báo cáo (${opts.regime}, ${opts.period})`);
    });

  catalog
    .command('deadline <period>')
    .description('Thời gian chốt số liệu và hạn nộp của một kỳ theo lịch làm việc')
    .option('--regime <code>', 'report regime code (gives the deadline)')
    .option('--json', 'print JSON')
    .action(async (period: string, opts: { regime?: string; json?: boolean }) => {
      const { periodView } = await import('./periods/period-view.js');
      const view = await withCore((core) => periodView(core, period, opts.regime));
      if (opts.json) {
        console.log(JSON.stringify(view, null, 2));
        return;
      }
      console.log(`Kỳ ${view.period.key}: chốt số liệu ${view.period.windowStart} → ${view.period.windowEnd}`);
      if (view.deadline) {
        const off = (view.daysOff ?? []).map((d) => (d.holiday ? `${d.date} (${d.holiday})` : d.date));
        console.log(`Hạn nộp (${view.regime}): ${view.deadline}${off.length ? `; ngày nghỉ: ${off.join(', ')}` : ''}`);
      }
    });
}

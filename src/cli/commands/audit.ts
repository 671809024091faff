import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

/**
 * `lienthong audit verify [--json]`: walks the delivery message log's hash chain and names the
 * first altered or missing record (exit code 1). Read-only: messages not sealed yet are counted.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Kiểm tra nhật ký gói tin gửi/nhận (chuỗi băm chống sửa đổi)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ chuỗi băm; báo bản ghi đầu tiên bị sửa hoặc bị xoá')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const { verifyMessageLog } = await import('../../delivery/message-log.js');
      const { openDatabase } = await import('../../store/open-database.js');
      const db = await openDatabase(config);
      try {
        const result = await verifyMessageLog(db);
        if (opts.json) console.log(JSON.stringify(result));
        else if (result.ok) console.log(`OK: ${result.checked} bản ghi hợp lệ (${result.pending} bản ghi chưa niêm phong)`);
        else {
          const what = result.firstBad!.problem === 'ALTERED' ? 'bị sửa đổi' : 'bị xoá';
          console.error(`LỖI: bản ghi số ${result.firstBad!.seq} ${what} (${result.checked} bản ghi trước đó hợp lệ) [MESSAGE_LOG_${result.firstBad!.problem}]`);
        }
        if (!result.ok) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
